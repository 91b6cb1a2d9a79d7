import { pageTitle } from "~/utils/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { Money } from "~/components/licensing";
import { listOverdueInvoices } from "~/modules/billing/overdue.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";
import { Pager } from "~/components/pager";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.overdueInvoices") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:order:any");
  const after = decodeTimeCursor(new URL(request.url).searchParams.get("after")) ?? undefined;
  try {
    const page = await listOverdueInvoices(user, new Date(), after);
    return { invoices: page.invoices, next: page.next ? encodeCursor([page.next.at, page.next.id]) : null };
  } catch (error) {
    throw handleAppError(error);
  }
}

export default function OverdueInvoices() {
  const { invoices, next } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  return (
    <>
      <h1>{t("overdue.title")}</h1>
      {invoices.length === 0 ? (
        <p className="card">{t("overdue.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("billing.col.order")}</th>
                <th scope="col">{t("common.organisation")}</th>
                <th scope="col" className="amount">
                  {t("billing.col.amount")}
                </th>
                <th scope="col">{t("billing.col.dates")}</th>
                <th scope="col">{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link to={`/orders/${o.id}`}>{o.number}</Link>
                  </td>
                  <td>
                    {o.organisationName}
                    <div className="muted">{o.buyerEmail}</div>
                  </td>
                  <td className="amount">
                    <Money amountMinor={o.amountMinor} currency={o.currency} />
                  </td>
                  <td>
                    {t("billing.created", { date: date(o.createdAt) })}
                    <div>{t("order.due", { date: date(o.dueAt) })}</div>
                  </td>
                  <td>
                    {t("overdue.daysLate", { days: o.daysLate })}
                    <div className="muted">{t("overdue.reminders", { count: o.remindersSent })}</div>
                  </td>
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
