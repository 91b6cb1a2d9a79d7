import type { MessageKey } from "~/locales/en";
import type { TimeActionResult, TimeNotice } from "~/modules/time-tracking/time-actions";
import { FormError } from "../forms";
import { formatMinutes } from "./format";

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function noticeText(t: Translate, notice: TimeNotice): string[] {
  switch (notice.kind) {
    case "started":
    case "alreadyRunning":
    case "movedElsewhere":
      return [t(`time.${notice.kind}`, { number: notice.ticketNumber })];
    case "stopped":
      return [
        notice.minutes > 0 ? t("time.stopped", { number: notice.ticketNumber, minutes: formatMinutes(t, notice.minutes) }) : t("time.stoppedNothing"),
        ...(notice.capped ? [t("time.stoppedCapped")] : []),
      ];
    case "stoppedOther":
      return [
        notice.minutes > 0
          ? t("time.stoppedOther", { number: notice.ticketNumber, minutes: formatMinutes(t, notice.minutes) })
          : t("time.stoppedOtherNothing", { number: notice.ticketNumber }),
        ...(notice.capped ? [t("time.stoppedCapped")] : []),
      ];
    default:
      return [t(`time.${notice.kind}`)];
  }
}

/** The outcome of a time action: notices as a polite status, a refusal as an alert. */
export function TimeActionOutcome({ result, t }: { result: TimeActionResult | undefined; t: Translate }) {
  if (!result) return null;
  if (!result.ok) return <FormError message={result.formError || null} />;
  const lines = result.notices.flatMap((n) => noticeText(t, n));
  if (lines.length === 0) return null;
  return (
    <div className="alert alert-success" role="status">
      {lines.map((line) => (
        <p key={line} className="time-notice-line">
          {line}
        </p>
      ))}
    </div>
  );
}
