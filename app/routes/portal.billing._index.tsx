import { pageTitle } from "~/utils/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { MessageKey } from "~/locales/en";
import { orderLineText, DocumentLinks, VatNote } from "~/components/billing";
import { SelectField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { Money, useMoney } from "~/components/licensing";
import { ORDER_STATUSES } from "~/modules/billing/order-status";
import { listOrganisationOrders } from "~/modules/billing/portal.server";
import { ORDER_KINDS } from "~/modules/billing/schemas";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";
import { Pager } from "~/components/pager";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.ordersAndDocuments") }];

/** The organisation's orders and documents: primary contact and billing contacts only (others: 404). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const url = new URL(request.url);
  const status = ORDER_STATUSES.find((s) => s === url.searchParams.get("status"));
  const kind = ORDER_KINDS.find((k) => k === url.searchParams.get("kind"));
  const before = decodeTimeCursor(url.searchParams.get("after")) ?? undefined;
  try {
    const page = await listOrganisationOrders(user, { status, kind, before });
    return { orders: page.orders, next: page.next ? encodeCursor([page.next.at, page.next.id]) : null };
  } catch (error) {
    throw handleAppError(error);
  }
}

export default function PortalBilling() {
  const { orders, next } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, date } = useI18n();
  const money = useMoney();
  return (
    <>
      <h1>{t("billing.title")}</h1>
      <p className="muted">
        {t("billing.intro")} <Link to="/portal/billing/details">{t("billing.details.edit")}</Link>
      </p>
      <Form method="get" className="toolbar" role="search">
        <SelectField label={t("billing.filter.status")} name="status" defaultValue={params.get("status") ?? ""}>
          <option value="">{t("billing.filter.all")}</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`order.status.${s}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("billing.filter.kind")} name="kind" defaultValue={params.get("kind") ?? ""}>
          <option value="">{t("billing.filter.all")}</option>
          {ORDER_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`billing.kind.${k}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <button type="submit">{t("billing.filter.apply")}</button>
      </Form>
      {orders.length === 0 ? (
        <p className="card">{t("billing.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("billing.col.order")}</th>
                <th scope="col">{t("billing.col.what")}</th>
                <th scope="col">{t("billing.col.status")}</th>
                <th scope="col" className="amount">
                  {t("billing.col.amount")}
                </th>
                <th scope="col">{t("billing.col.method")}</th>
                <th scope="col">{t("billing.col.dates")}</th>
                <th scope="col">{t("billing.col.documents")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/orders/${o.id}`}>{o.number}</Link>
                  </td>
                  <td>
                    {t(`billing.kind.${o.kind}` as MessageKey)}
                    <div className="muted">{orderLineText(t, o)}</div>
                  </td>
                  <td>
                    {t(`order.status.${o.status}` as MessageKey)}
                    {o.refundedMinor > 0 && o.status !== "refunded" ? (
                      <div className="muted">{t("billing.refunded", { amount: money(o.refundedMinor, o.currency) })}</div>
                    ) : null}
                  </td>
                  <td className="amount">
                    <Money amountMinor={o.amountMinor} currency={o.currency} />
                    <div>
                      <VatNote mode={o.vatMode} rateBasisPoints={o.vatRateBasisPoints} />
                    </div>
                  </td>
                  <td>{t(`billing.method.${o.method}` as MessageKey)}</td>
                  <td>
                    {t("billing.created", { date: date(o.createdAt) })}
                    {o.paidAt ? <div>{t("billing.paid", { date: date(o.paidAt) })}</div> : null}
                  </td>
                  <td>
                    <DocumentLinks orderId={o.id} documents={o.documents} invoiceOnDemand={o.amountMinor > 0 && o.status !== "cancelled"} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager next={next} nextLabel={t("billing.more")} />
    </>
  );
}
