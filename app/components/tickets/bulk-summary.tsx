import { useI18n } from "~/components/i18n";
import { en, type MessageKey } from "~/locales/en";

type Reason = { code: string; from?: string; by?: string; message?: string };
export type BulkSummaryData = { changed: number[]; unchanged: number[]; failed: Array<{ number: number; reason: Reason }> };

/**
 * What a bulk action did: how many tickets changed, how many already were as asked, and each
 * ticket that could not change with the reason — the same after an inline run and a background one.
 */
export function BulkSummaryBlock({ summary, changeLabel }: { summary: BulkSummaryData; changeLabel: string }) {
  const { t } = useI18n();
  /** A catalogue key is translated; a plain message (from a rule deep in a use case) is shown as is. */
  const say = (message: string) => (message in en ? t(message as MessageKey) : message);
  const reasonText = (number: number, reason: Reason) => {
    if (reason.code === "transition") return t("bulk.reason.transition", { number, from: t(`ticket.status.${reason.from}` as MessageKey), to: changeLabel });
    if (reason.code === "claimed") return t("bulk.reason.claimed", { number, name: reason.by ?? "" });
    if (reason.code === "invalid") return t("bulk.reason.invalid", { number, message: say(reason.message ?? "") });
    return t(`bulk.reason.${reason.code}` as MessageKey, { number });
  };
  return (
    <div className="alert alert-success bulk-summary" role="status">
      <p>{t("bulk.summary.changed", { count: summary.changed.length })}</p>
      {summary.unchanged.length > 0 ? <p>{t("bulk.summary.unchanged", { count: summary.unchanged.length })}</p> : null}
      {summary.failed.length > 0 ? (
        <>
          <p>{t("bulk.summary.failed")}</p>
          <ul>
            {summary.failed.map(({ number, reason }) => (
              <li key={number}>{reasonText(number, reason)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
