import { useState } from "react";
import type { MessageKey } from "~/locales/en";
import { formatMoney } from "~/modules/licensing/renewal-pricing";
import { complaintSubjectIn } from "~/modules/quality/complaint-form";
import { useI18n } from "./i18n";

/** Integer minor units shown in the reader's language, e.g. "12 000,00 ₽" / "RUB 12,000.00". */
export function Money({ amountMinor, currency }: { amountMinor: number; currency: string }) {
  const { locale } = useI18n();
  return <>{formatMoney(amountMinor, currency, locale === "ru" ? "ru-RU" : "en-GB")}</>;
}

export function useMoney() {
  const { locale } = useI18n();
  return (amountMinor: number, currency: string) => formatMoney(amountMinor, currency, locale === "ru" ? "ru-RU" : "en-GB");
}

export type LicenceStatusName = "revoked" | "suspended" | "source_modified" | "not_activated" | "active" | "expired";

const TONE: Record<LicenceStatusName, string> = {
  active: "ok",
  not_activated: "",
  expired: "warn",
  source_modified: "danger",
  suspended: "danger",
  revoked: "danger",
};

/**
 * "not activated / support until D / support ended on D / suspended / source modified / revoked".
 * Free products are active without an end date.
 */
export function LicenceStatusBadge({ status, date }: { status: string; date: string | Date | null }) {
  const { t, date: formatDate } = useI18n();
  const name = status as LicenceStatusName;
  const text =
    name === "active"
      ? date
        ? t("lic.status.activeUntil", { date: formatDate(date) })
        : t("lic.status.activeFree")
      : name === "expired"
        ? t("lic.status.expiredOn", { date: formatDate(date) })
        : t(`lic.status.${name}` as MessageKey);
  return <span className={`badge ${TONE[name] ?? ""}`}>{text}</span>;
}

/** The key in a monospace box with a copy button (works without JS: the key can be selected). */
export function CopyableKey({ value }: { value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="key-box">
      <code aria-label={t("lic.key")}>{value}</code>{" "}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
      >
        {copied ? t("lic.copied") : t("lic.copy")}
      </button>
      <span role="status" className="sr-only">
        {copied ? t("lic.copied") : ""}
      </span>
    </div>
  );
}

type ActivationRow = { id: string; host: string; kind: string; isMove: boolean; activatedAt: string | Date; releasedAt: string | Date | null };

/** The hosts a licence was bound to: the same table for the customer and the licence desk. */
export function ActivationsTable({ activations, caption }: { activations: ActivationRow[]; caption?: string }) {
  const { t, date } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">{t("lic.host")}</th>
            <th scope="col">{t("lic.kind")}</th>
            <th scope="col">{t("lic.since")}</th>
            <th scope="col">{t("lic.until")}</th>
          </tr>
        </thead>
        <tbody>
          {activations.map((a) => (
            <tr key={a.id}>
              <td>{a.host}</td>
              <td>{a.kind === "development" ? t("lic.kind.development") : a.isMove ? t("lic.kind.move") : t("lic.kind.production")}</td>
              <td>{date(a.activatedAt)}</td>
              <td>{a.releasedAt ? date(a.releasedAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type LedgerRow = {
  id: string;
  kind: string;
  days: number | null;
  reason: string | null;
  orderId: string | null;
  orderNumber: number | null;
  startsAt: string | Date | null;
  endsAt: string | Date | null;
  removedAt: string | Date | null;
};

const LEDGER_KIND_KEYS: Record<string, MessageKey> = {
  initial: "lic.ledger.initial",
  renewal: "lic.ledger.renewal",
  compensation: "lic.ledger.compensation",
  imported: "lic.ledger.imported",
};

/** The support ledger: each period, its order and why it exists (refunded rows stay, marked removed). */
export function SupportLedgerTable({ ledger }: { ledger: LedgerRow[] }) {
  const { t, date, locale } = useI18n();
  // A remedy's entry names its complaint by the complaint's subject: said in the reader's language.
  const reasonOf = (e: LedgerRow) =>
    (e.reason != null ? complaintSubjectIn(e.reason, locale) : null) ?? (e.kind === "initial" ? t("lic.ledger.reasonPurchase") : e.kind === "renewal" ? t("lic.ledger.reasonRenewal") : e.kind === "imported" ? t("lic.ledger.reasonImported") : "—");
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("lic.ledger.period")}</th>
            <th scope="col">{t("lic.ledger.kind")}</th>
            <th scope="col">{t("lic.ledger.order")}</th>
            <th scope="col">{t("lic.ledger.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {ledger.map((e) => (
            <tr key={e.id} className={e.removedAt ? "locked" : undefined}>
              <td>
                {e.removedAt
                  ? t("lic.ledger.removed", { date: date(e.removedAt) })
                  : e.startsAt
                    ? `${date(e.startsAt)} – ${date(e.endsAt)}`
                    : t("lic.ledger.startsOnActivation")}
              </td>
              <td>
                {t(LEDGER_KIND_KEYS[e.kind] ?? "lic.ledger.initial")}
                {e.kind === "compensation" && e.days ? ` (${t("lic.ledger.days", { days: e.days })})` : null}
              </td>
              <td>{e.orderId ? <a href={`/orders/${e.orderId}`}>{e.orderNumber}</a> : "—"}</td>
              <td>{reasonOf(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
