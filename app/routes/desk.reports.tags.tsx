import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { ticketsByTag } from "~/modules/tickets/tags.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "tags.report.title") }];

/** Tickets by tag: every tag in use, most used first, with how many of its tickets are open. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report:any");
  return { rows: await ticketsByTag(user) };
}

export default function TicketsByTag() {
  const { rows } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  return (
    <>
      <h1>{t("tags.report.title")}</h1>
      <p className="muted">{t("tags.report.intro")}</p>
      {rows.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("tags.report.tag")}</th>
                <th scope="col">{t("tags.report.tickets")}</th>
                <th scope="col">{t("tags.report.active")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.tag}>
                  <td>
                    <Link to={`/desk/tickets?queue=all&tag=${encodeURIComponent(r.tag)}`}>{(locale === "ru" ? r.labelRu : r.labelEn) ?? r.tag}</Link>
                  </td>
                  <td>{r.tickets}</td>
                  <td>{r.active}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
