import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";

const STATUS_CLASS: Record<string, string> = { received: "warn", acknowledged: "", investigating: "", answered: "ok", closed: "" };

export function ComplaintStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`badge ${STATUS_CLASS[status] ?? ""}`}>{t(`complaint.status.${status}` as MessageKey)}</span>;
}

export function OutcomeText({ outcome }: { outcome: string | null }) {
  const { t } = useI18n();
  return <>{t(`complaint.outcome.${outcome ?? "unanswered"}` as MessageKey)}</>;
}

const DEADLINE_CLASS: Record<string, string> = { running: "", warning: "warn", breached: "danger", met: "ok", met_late: "warn" };

/** "Answer · overdue since Mon 13:30" with a colour for warning and breach. */
export function DeadlineBadge({ clock, status, at }: { clock: "acknowledge" | "answer"; status: string; at: Date | string }) {
  const { t, dateTime } = useI18n();
  return (
    <span className={`badge ${DEADLINE_CLASS[status] ?? ""}`}>
      {t(`quality.clock.${clock}` as MessageKey)} · {t(`quality.deadline.${status}` as MessageKey, { time: dateTime(at) })}
    </span>
  );
}
