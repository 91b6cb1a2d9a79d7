import { Link } from "@remix-run/react";
import { useI18n } from "~/components/i18n";

type Knowledge = {
  suggested: Array<{ title: string; url: string; path: string; opened: boolean }>;
  related: Array<{ title: string; url: string; path: string }>;
  canWriteArticle: boolean;
};

/** Appends a Markdown link to the reply box of the ticket page. */
function insertLink(title: string, url: string) {
  const box = document.querySelector<HTMLTextAreaElement>('textarea[name="body"]');
  if (!box) return;
  const link = `[${title}](${url})`;
  box.value = box.value ? `${box.value.replace(/\s+$/, "")}\n\n${link}` : link;
  box.focus();
}

export function TicketKnowledgePanel({ number, knowledge }: { number: number; knowledge: Knowledge }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="ticket-kb-title">
      <h2 id="ticket-kb-title">{t("kb.panel.title")}</h2>
      <h3>{t("kb.panel.suggested")}</h3>
      {knowledge.suggested.length === 0 ? (
        <p className="hint">{t("kb.panel.noneSuggested")}</p>
      ) : (
        <ul>
          {knowledge.suggested.map((a) => (
            <li key={a.path}>
              <Link to={a.path}>{a.title}</Link> {a.opened ? <span className="badge">{t("kb.panel.opened")}</span> : null}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("kb.panel.related")}</h3>
      {knowledge.related.length === 0 ? (
        <p className="hint">{t("kb.nothingFound")}</p>
      ) : (
        <ul>
          {knowledge.related.map((a) => (
            <li key={a.path}>
              <Link to={a.path}>{a.title}</Link>{" "}
              <button type="button" className="link-button" onClick={() => insertLink(a.title, a.url)} aria-label={t("kb.panel.insertLabel", { title: a.title })}>
                {t("kb.panel.insert")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="hint">
        <Link to="/desk/kb">{t("kb.desk.title")}</Link>
        {knowledge.canWriteArticle ? (
          <>
            {" · "}
            <Link to={`/desk/kb/new?fromTicket=${number}`}>{t("kb.panel.createArticle")}</Link>
          </>
        ) : null}
      </p>
    </section>
  );
}
