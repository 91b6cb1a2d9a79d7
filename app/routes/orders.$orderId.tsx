import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import type { MessageKey } from "~/locales/en";
import { FormError, Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { Money } from "~/components/licensing";
import { JOB } from "~/jobs.server";
import { cancelOrder, getOrderView, markOrderPaid } from "~/modules/billing/orders.server";
import { startCheckout } from "~/modules/billing/stripe.server";
import { getUser, requireUser } from "~/utils/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { enqueueJob } from "~/utils/jobs.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Invoice ${data?.order.number ?? ""} · Keydesk` }];

/** The order and its printable invoice. The address itself is the buyer's access (see getOrderView). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  try {
    return await getOrderView(user, params.orderId ?? "");
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  const orderId = params.orderId ?? "";
  try {
    if (intent === "pay") return redirect(await startCheckout(orderId));
    const user = await requireUser(request);
    if (intent === "mark-paid") {
      await markOrderPaid(user, orderId);
      await enqueueJob(JOB.dispatchEmails);
      return { ok: true as const, notice: "order.markedPaid" as MessageKey, formError: "" };
    }
    if (intent === "cancel") {
      await cancelOrder(user, orderId);
      return { ok: true as const, notice: "order.cancelledNotice" as MessageKey, formError: "" };
    }
    return data({ ok: false as const, notice: null, formError: "Unknown action" }, { status: 400 });
  } catch (error) {
    return handleAppError(error);
  }
}

export default function OrderPage() {
  const { order, productName, organisation, seller, canPayByCard, canMarkPaid, viewerOwnsIt } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, date } = useI18n();
  const what = order.kind === "prepaid_hours" ? t("buy.orderLine", { hours: order.hours ?? 0 }) : order.kind === "renewal" ? t("order.line.renewal", { product: productName ?? "" }) : t("order.line.licence", { product: productName ?? "" });
  return (
    <div className="invoice">
      <div className="no-print">
        {result && "notice" in result && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
        <FormError message={result?.formError} />
        {params.get("created") && order.status === "pending" ? <Notice>{t("order.created")}</Notice> : null}
        {params.get("created") && order.status === "paid" ? <Notice>{t("order.freeIssued")}</Notice> : null}
        {params.get("checkout") === "success" && order.status === "pending" ? <Notice>{t("order.checkoutProcessing")}</Notice> : null}
        {params.get("checkout") === "cancelled" ? <div className="alert alert-warn">{t("order.checkoutCancelled")}</div> : null}
      </div>
      <h1>{t("order.invoiceTitle", { number: order.number })}</h1>
      <p>
        <span className={`badge ${order.status === "paid" ? "ok" : order.status === "pending" ? "warn" : "danger"}`}>{t(`order.status.${order.status}` as MessageKey)}</span>{" "}
        {t("order.dated", { date: date(order.createdAt) })}
        {order.status === "pending" ? ` · ${t("order.due", { date: date(order.dueAt) })}` : null}
        {order.paidAt ? ` · ${t("order.paidOn", { date: date(order.paidAt) })}` : null}
      </p>
      <section className="card grid-2">
        <div>
          <h2 style={{ marginTop: 0 }}>{t("order.seller")}</h2>
          <p>
            <strong>{seller.name}</strong>
            <br />
            {seller.address}
            <br />
            {t("order.taxId")}: {seller.taxId}
            <br />
            {seller.email}
          </p>
        </div>
        <div>
          <h2 style={{ marginTop: 0 }}>{t("order.buyer")}</h2>
          <p>
            <strong>{organisation.name}</strong>
            <br />
            {organisation.taxId ? (
              <>
                {t("order.taxId")}: {organisation.taxId}
                <br />
              </>
            ) : null}
            {order.buyerName ? `${order.buyerName}, ` : null}
            {order.buyerEmail}
          </p>
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
                {what}
                {order.kind === "renewal" ? (
                  <div className="muted">
                    {t("order.renewalBasis", { percent: order.percentage })} <Money amountMinor={order.listPriceMinor} currency={order.currency} />
                  </div>
                ) : null}
              </td>
              <td className="amount">
                <Money amountMinor={order.amountMinor} currency={order.currency} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t("order.total")}</th>
              <td className="amount">
                <strong>
                  <Money amountMinor={order.amountMinor} currency={order.currency} />
                </strong>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
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
      <div className="toolbar no-print" style={{ marginTop: 16 }}>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t("order.print")}
        </button>
        {canPayByCard ? (
          <Form method="post">
            <button type="submit" name="intent" value="pay">
              {t("order.payByCard")}
            </button>
          </Form>
        ) : null}
        {canMarkPaid ? (
          <>
            <Form method="post">
              <button type="submit" name="intent" value="mark-paid">
                {t("order.markPaid")}
              </button>
            </Form>
            <Form method="post">
              <button type="submit" name="intent" value="cancel" className="danger">
                {t("order.cancel")}
              </button>
            </Form>
          </>
        ) : null}
        {viewerOwnsIt && order.licenceId ? <Link to={`/portal/licences/${order.licenceId}`}>{t("order.openLicence")}</Link> : null}
      </div>
    </div>
  );
}
