import type { MessageKey } from "~/locales/en";
import type { OrderKind } from "~/modules/billing/schemas";
import { formatVatRate } from "~/modules/billing/vat";
import { useI18n } from "./i18n";

/** Shared pieces of the billing pages: document links and the VAT note on prices. */

type Translate = ReturnType<typeof useI18n>["t"];

/** What an order sells, in the reader's language (the same words as its documents). */
export function orderLineText(t: Translate, order: { kind: OrderKind; productName: string | null; hours: number | null; termMonths?: number | null }): string {
  if (order.kind === "prepaid_hours") return t("doc.line.hours", { hours: order.hours ?? 0 });
  // For a support plan order `productName` is the plan's name.
  if (order.kind === "support_plan") return t("doc.line.plan", { plan: order.productName ?? "—", months: order.termMonths ?? 12 });
  return t(order.kind === "renewal" ? "doc.line.renewal" : "doc.line.licence", { product: order.productName ?? "—" });
}

export type DocumentLink = { id: string; kind: "invoice" | "receipt" | "act" | "credit_note"; number: string };

export function DocumentLinks({ orderId, documents, invoiceOnDemand }: { orderId: string; documents: DocumentLink[]; invoiceOnDemand: boolean }) {
  const { t } = useI18n();
  const hasInvoice = documents.some((d) => d.kind === "invoice");
  if (documents.length === 0 && !invoiceOnDemand) return <span className="muted">{t("billing.noDocuments")}</span>;
  return (
    <ul className="plain">
      {!hasInvoice && invoiceOnDemand ? (
        <li>
          <a href={`/orders/${orderId}/documents/invoice`} download>
            {t("doc.download", { kind: t("doc.kind.invoice") })}
          </a>
        </li>
      ) : null}
      {documents.map((d) => (
        <li key={d.id}>
          <a href={`/orders/${orderId}/documents/${d.id}`} download>
            {t("doc.download", { kind: `${t(`doc.kind.${d.kind}` as MessageKey)} ${d.number}` })}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function VatNote({ mode, rateBasisPoints }: { mode: "none" | "included" | "on_top"; rateBasisPoints: number }) {
  const { t } = useI18n();
  const rate = formatVatRate(rateBasisPoints);
  return <span className="muted">{mode === "none" ? t("vat.none") : mode === "included" ? t("vat.included", { rate }) : t("vat.onTop", { rate })}</span>;
}

/** How to pay on a portal "buy" form: invoice (bank transfer) always, card when Stripe is configured. */
export function PaymentMethodFieldset({ stripe }: { stripe: boolean }) {
  const { t } = useI18n();
  return (
    <fieldset>
      <legend>{t("buy.method")}</legend>
      <label>
        <input type="radio" name="method" value="invoice" defaultChecked /> {t("buy.method.invoice")}
      </label>{" "}
      {stripe ? (
        <label>
          <input type="radio" name="method" value="card" /> {t("buy.method.card")}
        </label>
      ) : null}
    </fieldset>
  );
}
