import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors, ActionResult } from "~/utils/messages";
import { ConfirmButton } from "~/components/confirm";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import type { MessageKey } from "~/locales/en";
import { DocumentLinks, VatNote } from "~/components/billing";
import { FormError, FormKeyField, Notice, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { Money, useMoney } from "~/components/licensing";
import { cancelOrder, getOrderView, markOrderPaid } from "~/modules/billing/orders.server";
import { refundReasonIn } from "~/modules/billing/refund-reason";
import { refundOrderPayment } from "~/modules/billing/refunds.server";
import { cancelSchema, markPaidSchema, refundSchema } from "~/modules/billing/schemas";
import { startCheckout } from "~/modules/billing/stripe.server";
import { formatMajorAmount } from "~/modules/billing/money";
import { formatVatRate } from "~/modules/billing/vat";
import { getUser, requireUser } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { IDEMPOTENCY_FIELD, idempotencyKeyOf, newFormKey } from "~/utils/idempotency.server";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [{ title: pageTitle(matches, "title.invoice", { number: data?.order.number ?? "" }) }];

/** The order and its invoice, documents and refunds. The address itself is the buyer's access (see getOrderView). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  try {
    return { ...(await getOrderView(user, params.orderId ?? "")), formKey: newFormKey() };
  } catch (error) {
    throw handleAppError(error);
  }
}

type OrderResult = ActionResult<{ notice: MessageKey | null; noticeParams?: Record<string, string> }>;

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  const orderId = params.orderId ?? "";
  const invalid = (name: string, parsed: { fieldErrors: FieldErrors; values: Record<string, string> }) =>
    data<OrderResult>({ ok: false, notice: null, formError: "", intent: name, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    if (intent === "pay") return redirect(await startCheckout(orderId));
    const user = await requireUser(request);
    if (intent === "mark-paid") {
      const parsed = parseForm(markPaidSchema, form);
      if (!parsed.ok) return invalid("mark-paid", parsed);
      const paidOn = parsed.data.paidOn ? new Date(`${parsed.data.paidOn}T12:00:00+03:00`) : null;
      const result = await markOrderPaid(user, orderId, new Date(), { paidOn, reference: parsed.data.reference ?? null });
      return { ok: true, notice: (result.kind === "prepaid_hours" ? "order.markedPaidHours" : result.kind === "support_plan" ? "order.markedPaidPlan" : "order.markedPaid") as MessageKey, formError: "", fieldErrors: {} } satisfies OrderResult;
    }
    if (intent === "cancel") {
      const parsed = parseForm(cancelSchema, form);
      if (!parsed.ok) return invalid("cancel", parsed);
      await cancelOrder(user, orderId, new Date(), parsed.data.reason);
      return { ok: true, notice: "order.cancelledNotice" as MessageKey, formError: "", fieldErrors: {} } satisfies OrderResult;
    }
    if (intent === "refund") {
      const parsed = parseForm(refundSchema, form);
      if (!parsed.ok) return invalid("refund", parsed);
      await refundOrderPayment(user, orderId, parsed.data, new Date(), idempotencyKeyOf(form.get(IDEMPOTENCY_FIELD), user.id));
      return { ok: true, notice: "refund.done" as MessageKey, noticeParams: { amount: parsed.data.amount }, formError: "", fieldErrors: {} } satisfies OrderResult;
    }
    return data<OrderResult>({ ok: false, notice: null, formError: "form.unknownAction", fieldErrors: {} }, { status: 400 });
  } catch (error) {
    const values = Object.fromEntries([...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    const failure = handleAppError(error, values);
    return data<OrderResult>({ ...failure.data, notice: null, intent: String(intent ?? "") }, failure.init ?? undefined);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t, role }) =>
  role === null ? [] : [role === "customer" ? { to: "/portal/billing", label: t("nav.billing") } : { to: "/desk/orders", label: t("nav.orders") }, { label: t("crumbs.order", { number: d.order.number }) }],
);

export default function OrderPage() {
  const { order, productName, invoice, documents, refunds, canPayByCard, canMarkPaid, canRefund, canEditDetails, viewerOwnsIt, formKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as OrderResult | undefined;
  const [params] = useSearchParams();
  const { t, date, locale } = useI18n();
  const money = useMoney();
  const valueOf = (formName: string, field: string) => (result?.intent === formName ? result.values?.[field] : undefined);
  const rate = formatVatRate(invoice.vat.rateBasisPoints);
  const line = invoice.lines[0];
  const seller = invoice.seller;
  const buyer = invoice.buyer;
  return (
    <div className="invoice">
      <div className="no-print">
        {result?.notice ? <Notice>{t(result.notice, result.noticeParams ?? {})}</Notice> : null}
        <FormError message={result?.formError} />
        {params.get("created") && order.status === "pending" ? <Notice>{t("order.created")}</Notice> : null}
        {params.get("created") && order.status === "paid" ? <Notice>{t("order.freeIssued")}</Notice> : null}
        {params.get("checkout") === "success" && order.status === "pending" ? <Notice>{t("order.checkoutProcessing")}</Notice> : null}
        {params.get("checkout") === "cancelled" ? <div className="alert alert-warn">{t("order.checkoutCancelled")}</div> : null}
      </div>
      <h1>{invoice.number ? t("doc.title", { kind: t("doc.kind.invoice"), number: invoice.number, date: date(invoice.issuedAt) }) : t("order.invoiceTitle", { number: order.number })}</h1>
      <p>
        <span className={`badge ${order.status === "paid" ? "ok" : order.status === "pending" ? "warn" : "danger"}`}>{t(`order.status.${order.status}` as MessageKey)}</span>{" "}
        {t("order.dated", { date: date(order.createdAt) })}
        {order.status === "pending" ? ` · ${t("order.due", { date: date(order.dueAt) })}` : null}
        {order.paidAt ? ` · ${t("order.paidOn", { date: date(order.paidAt) })}` : null}
        {order.refundedMinor > 0 ? ` · ${t("billing.refunded", { amount: money(order.refundedMinor, order.currency) })}` : null}
      </p>
      {order.cancelReason ? <p>{t("order.cancelledBecause", { reason: order.cancelReason })}</p> : null}
      {canEditDetails && !buyer.taxId ? (
        <div className="alert alert-warn no-print">
          {t("billing.details.missing")} <Link to="/portal/billing/details">{t("billing.details.edit")}</Link>
        </div>
      ) : null}
      <section className="card grid-2">
        <div>
          <h2 style={{ marginTop: 0 }}>{t("order.seller")}</h2>
          <p>
            <strong>{seller.name}</strong>
            <br />
            {seller.address}
            <br />
            {t("doc.taxId")}: {seller.taxId}
            {seller.kpp ? ` · ${t("doc.kpp")}: ${seller.kpp}` : null}
            <br />
            {seller.email}
          </p>
        </div>
        <div>
          <h2 style={{ marginTop: 0 }}>{t("order.buyer")}</h2>
          <p>
            <strong>{buyer.name}</strong>
            <br />
            {buyer.taxId ? (
              <>
                {t("doc.taxId")}: {buyer.taxId}
                {buyer.kpp ? ` · ${t("doc.kpp")}: ${buyer.kpp}` : null}
                <br />
              </>
            ) : null}
            {buyer.address ? (
              <>
                {buyer.address}
                <br />
              </>
            ) : null}
            {order.buyerName ? `${order.buyerName}, ` : null}
            {order.buyerEmail}
          </p>
          {canEditDetails ? (
            <p className="no-print">
              <Link to="/portal/billing/details">{t("billing.details.edit")}</Link>
            </p>
          ) : null}
        </div>
      </section>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("order.item")}</th>
              <th scope="col" className="amount">
                {t("order.amount")}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>
                {line?.description ?? productName}
                {order.kind === "renewal" ? (
                  <div className="muted">
                    {t("order.renewalBasis", { percent: order.percentage })} <Money amountMinor={order.listPriceMinor} currency={order.currency} />
                  </div>
                ) : null}
              </td>
              <td className="amount">
                <Money amountMinor={invoice.vat.mode === "on_top" ? invoice.netMinor : invoice.totalMinor} currency={order.currency} />
              </td>
            </tr>
            <tr>
              <th scope="row">{invoice.vat.mode === "none" ? t("doc.noVat") : invoice.vat.mode === "included" ? t("doc.vatIncluded", { rate }) : t("doc.vatOnTop", { rate })}</th>
              <td className="amount">{invoice.vat.mode === "none" ? "—" : <Money amountMinor={invoice.vatMinor} currency={order.currency} />}</td>
            </tr>
            <tr>
              <th scope="row">{t("order.total")}</th>
              <td className="amount">
                <strong>
                  <Money amountMinor={invoice.totalMinor} currency={order.currency} />
                </strong>
                <div className="muted">{invoice.totalInWords}</div>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted">
        <VatNote mode={order.vatMode} rateBasisPoints={order.vatRateBasisPoints} />
      </p>
      {order.amountMinor > 0 ? (
        <section className="card" style={{ marginTop: 16 }}>
          <h2 style={{ marginTop: 0 }}>{t("order.bankDetails")}</h2>
          <dl className="facts">
            <dt>{t("order.bank")}</dt>
            <dd>{seller.bankName}</dd>
            <dt>{t("order.account")}</dt>
            <dd>{seller.bankAccount}</dd>
            <dt>{t("order.bankCode")}</dt>
            <dd>{seller.bankCode}</dd>
            <dt>{t("order.correspondent")}</dt>
            <dd>{seller.correspondentAccount}</dd>
            <dt>{t("order.reference")}</dt>
            <dd>{t("order.referenceValue", { number: order.number })}</dd>
          </dl>
        </section>
      ) : null}
      {order.amountMinor > 0 ? (
        <section className="card no-print" style={{ marginTop: 16 }}>
          <h2 style={{ marginTop: 0 }}>{t("billing.documents")}</h2>
          <DocumentLinks orderId={order.id} documents={documents} invoiceOnDemand={order.status !== "cancelled"} />
          {!documents.some((d) => d.kind === "invoice") && order.status === "pending" ? <p className="muted">{t("billing.invoiceOnDemand")}</p> : null}
        </section>
      ) : null}
      {refunds.length > 0 ? (
        <section className="card" style={{ marginTop: 16 }}>
          <h2 style={{ marginTop: 0 }}>{t("refund.list")}</h2>
          <ul>
            {refunds.map((r) => (
              <li key={r.id}>
                {date(r.createdAt)}: <Money amountMinor={r.amountMinor} currency={r.currency} /> ({r.method === "stripe" ? t("refund.viaStripe") : t("refund.manual")}) — {refundReasonIn(r, locale)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="toolbar no-print" style={{ marginTop: 16 }}>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t("order.print")}
        </button>
        {canPayByCard ? (
          <AppForm method="post" result={result?.intent === "pay" ? result : null} formError="none">
            <SubmitButton name="intent" value="pay">
              {t("order.payByCard")}
            </SubmitButton>
          </AppForm>
        ) : null}
        {viewerOwnsIt && order.licenceId ? <Link to={`/portal/licences/${order.licenceId}`}>{t("order.openLicence")}</Link> : null}
      </div>
      {canMarkPaid ? (
        <div className="grid-2 no-print" style={{ marginTop: 16 }}>
          <AppForm method="post" className="card" intent="mark-paid" schema={markPaidSchema} result={result} formError="none">
            <h2 style={{ marginTop: 0 }}>{t("order.markPaid")}</h2>
            <TextField label={t("order.markPaidDate")} name="paidOn" type="date" defaultValue={valueOf("mark-paid", "paidOn")} />
            <TextField label={t("order.markPaidReference")} name="reference" defaultValue={valueOf("mark-paid", "reference")} />
            <SubmitButton>{t("order.markPaid")}</SubmitButton>
          </AppForm>
          <AppForm method="post" className="card" intent="cancel" schema={cancelSchema} result={result} formError="none">
            <h2 style={{ marginTop: 0 }}>{t("order.cancel")}</h2>
            <TextField label={t("order.cancelReason")} name="reason" required defaultValue={valueOf("cancel", "reason")} />
            <ConfirmButton message={t("order.cancelConfirm")}>{t("order.cancel")}</ConfirmButton>
          </AppForm>
        </div>
      ) : null}
      {canRefund ? (
        <AppForm method="post" className="card no-print" style={{ marginTop: 16 }} intent="refund" schema={refundSchema} result={result} formError="none">
          <h2 style={{ marginTop: 0 }}>{t("refund.title")}</h2>
          <FormKeyField value={formKey} />
          <TextField
            label={t("refund.amount")}
            name="amount"
            inputMode="decimal"
            required
            defaultValue={valueOf("refund", "amount") ?? formatMajorAmount(order.amountMinor - order.refundedMinor, order.currency)}
            hint={t("refund.amountHint", { amount: money(order.amountMinor - order.refundedMinor, order.currency) })}
          />
          <TextField label={t("refund.reason")} name="reason" required defaultValue={valueOf("refund", "reason")} />
          <ConfirmButton message={t("refund.confirm")}>{t("refund.submit")}</ConfirmButton>
        </AppForm>
      ) : null}
    </div>
  );
}
