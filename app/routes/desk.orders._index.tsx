import { pageTitle } from "~/utils/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { MessageKey } from "~/locales/en";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { Money } from "~/components/licensing";
import { ORDER_STATUSES } from "~/modules/billing/order-status";
import { listOrders } from "~/modules/billing/orders.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";
import { Pager } from "~/components/pager";
import { orderLineText } from "~/components/billing";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.orders") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:order:any");
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const status = ORDER_STATUSES.find((s) => s === statusParam);
  const q = url.searchParams.get("q")?.trim().slice(0, 200) || undefined;
  const before = decodeTimeCursor(url.searchParams.get("after")) ?? undefined;
  try {
    const page = await listOrders(user, { status, q, before });
    return { orders: page.orders, next: page.next ? encodeCursor([page.next.at, page.next.id]) : null };
  } catch (error) {
    throw handleAppError(error);
  }
}

export default function DeskOrders() {
  const { orders, next } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, date } = useI18n();
  return (
    <>
      <h1>{t("deskOrders.title")}</h1>
      <Form method="get" className="toolbar" role="search">
        <TextField label={t("deskOrders.search")} name="q" type="search" defaultValue={params.get("q") ?? ""} />
        <SelectField label={t("common.status")} name="status" defaultValue={params.get("status") ?? ""}>
          <option value="">{t("deskOrders.any")}</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`order.status.${s}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <button type="submit">{t("common.filter")}</button>
      </Form>
      {orders.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("deskOrders.number")}</th>
                <th scope="col">{t("common.created")}</th>
                <th scope="col">{t("common.organisation")}</th>
                <th scope="col">{t("order.item")}</th>
                <th scope="col">{t("order.amount")}</th>
                <th scope="col">{t("deskOrders.method")}</th>
                <th scope="col">{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/orders/${o.id}`}>{o.number}</Link>
                  </td>
                  <td>{date(o.createdAt)}</td>
                  <td>
                    {o.organisationName}
                    <div className="muted">{o.buyerEmail}</div>
                  </td>
                  <td>{orderLineText(t, o)}</td>
                  <td>
                    <Money amountMinor={o.amountMinor} currency={o.currency} />
                  </td>
                  <td>{o.method === "card" ? t("shop.method.card") : t("deskOrders.invoice")}</td>
                  <td>{t(`order.status.${o.status}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager next={next} />
    </>
  );
}
