import { useState } from "react";
import type { MessageKey } from "~/locales/en";
import { formatMoney } from "~/modules/licensing/renewal-pricing";
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
