import { Link } from "@remix-run/react";
import type { MouseEvent } from "react";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { appendArticleLink } from "~/modules/knowledge/reply-link";

/** The id of the ticket page's reply form, which the insert buttons belong to. */
export const REPLY_FORM_ID = "reply-form";

type LinkableArticle = { id: string; title: string; url: string; path: string };
type Knowledge = {
  suggested: Array<{ title: string; url: string; path: string; opened: boolean }>;
  related: LinkableArticle[];
  canWriteArticle: boolean;
};

/**
 * "Insert link": a submit button of the reply form (`form=` reaches it from the side panel too).
 * Without JavaScript the server answers with the draft and the link appended; with JavaScript
 * the link goes into the reply box at once and nothing is sent.
 */
function InsertLinkButton({ article, form }: { article: LinkableArticle; form: string }) {
  const { t } = useI18n();
  const insert = (event: MouseEvent<HTMLButtonElement>) => {
    const box = document.querySelector<HTMLTextAreaElement>(`#${form} textarea[name="body"]`);
    if (!box) return; // no reply box on the page: let the form go to the server
    event.preventDefault();
    box.value = appendArticleLink(box.value, article.title, article.url);
    box.focus();
  };
  return (
    <button type="submit" form={form} name="insertArticle" value={article.id} className="link-button" onClick={insert} aria-label={t("kb.panel.insertLabel", { title: article.title })}>
      {t("kb.panel.insert")}
    </button>
  );
}

function LinkableList({ articles, form }: { articles: LinkableArticle[]; form: string | null }) {
  return (
    <ul>
      {articles.map((a) => (
        <li key={a.id}>
          <Link to={a.path}>{a.title}</Link> {form ? <InsertLinkButton article={a} form={form} /> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * Inside the reply form: look for an article to link. Its "Find" button comes before "Send", so
 * Enter in the search field finds articles and never sends the reply.
 */
export function ReplyArticleFinder({ query, found }: { query: string; found: LinkableArticle[] | null }) {
  const { t } = useI18n();
  return (
    <fieldset className="reply-article-finder">
      <legend>{t("kb.panel.linkArticle")}</legend>
      <TextField label={t("kb.panel.findLabel")} name="kbq" type="search" defaultValue={query} maxLength={200} />
      <button type="submit" name="kbAction" value="find" className="secondary">
        {t("kb.panel.find")}
      </button>
      {found ? found.length === 0 ? <p className="hint">{t("kb.nothingFound")}</p> : <LinkableList articles={found} form={REPLY_FORM_ID} /> : null}
    </fieldset>
  );
}

export function TicketKnowledgePanel({ number, knowledge, replyForm }: { number: number; knowledge: Knowledge; replyForm: string | null }) {
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
      {knowledge.related.length === 0 ? <p className="hint">{t("kb.nothingFound")}</p> : <LinkableList articles={knowledge.related} form={replyForm} />}
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
