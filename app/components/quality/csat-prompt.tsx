import { Link } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import type { CsatPromptData } from "~/modules/quality/csat.server";

/**
 * The CSAT prompt on the customer's ticket page. Give it `await csatPromptFor(user, ticket)`
 * from the page's loader; it renders nothing while the ticket is not solved.
 */
export function CsatPrompt({ data }: { data: CsatPromptData | null | undefined }) {
  const { t } = useI18n();
  if (!data) return null;
  const { csat } = data;
  if (!csat) {
    return (
      <section className="card csat-prompt" aria-labelledby="csat-prompt-title">
        <h2 id="csat-prompt-title">{t("csat.prompt.title")}</h2>
        <p>{t("csat.prompt.body")}</p>
        <Link className="button" to={`/portal/csat/${data.number}`}>
          {t("csat.prompt.rate")}
        </Link>
      </section>
    );
  }
  const values = Object.values(csat.ratings);
  const average = (values.reduce((s, v) => s + v, 0) / values.length).toFixed(1);
  return (
    <section className="card csat-prompt" aria-labelledby="csat-prompt-title">
      <h2 id="csat-prompt-title">{t("csat.prompt.title")}</h2>
      <p>{t("csat.prompt.rated", { average })}</p>
      {csat.low ? (
        <p>
          <Link to={`/portal/complaints/new?ticket=${data.ticketId}`}>{t("csat.fileComplaint")}</Link>
        </p>
      ) : null}
      {csat.canEdit ? <Link to={`/portal/csat/${data.number}`}>{t("csat.prompt.edit")}</Link> : null}
    </section>
  );
}
