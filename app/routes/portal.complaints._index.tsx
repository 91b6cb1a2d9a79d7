import { pageTitle } from "~/utils/i18n";
import { complaintSubjectIn } from "~/modules/quality/complaint-form";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { ComplaintStatusBadge, OutcomeText } from "~/components/quality/complaint-badges";
import qualityStyles from "../components/quality/quality.css?url";
import { listOrganisationComplaints } from "~/modules/quality/complaints.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { decodeTimeCursor, encodeCursor } from "~/utils/pagination";
import { Pager } from "~/components/pager";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.complaints") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: qualityStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const url = new URL(request.url);
  const page = await listOrganisationComplaints(user, { before: decodeTimeCursor(url.searchParams.get("before")) ?? undefined });
  return { complaints: page.complaints, next: page.next ? encodeCursor([page.next.at, page.next.id]) : null };
}

export default function CustomerComplaints() {
  const { complaints, next } = useLoaderData<typeof loader>();
  const { t, dateTime, locale } = useI18n();
  return (
    <>
      <div className="toolbar" style={{ alignItems: "center" }}>
        <h1 style={{ margin: 0 }}>{t("complaints.title")}</h1>
        <Link className="button" to="/portal/complaints/new">
          {t("complaints.new")}
        </Link>
      </div>
      <p className="muted">{t("complaints.intro")}</p>
      {complaints.length === 0 ? (
        <p className="card">{t("complaints.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("complaints.subject")}</th>
                <th scope="col">{t("complaints.status")}</th>
                <th scope="col">{t("complaints.outcome")}</th>
                <th scope="col">{t("complaints.filed")}</th>
                <th scope="col">{t("complaints.filedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {complaints.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/portal/complaints/${c.id}`}>{complaintSubjectIn(c.subject, locale)}</Link>
                  </td>
                  <td>
                    <ComplaintStatusBadge status={c.status} />
                  </td>
                  <td>{c.outcome ? <OutcomeText outcome={c.outcome} /> : "—"}</td>
                  <td>{dateTime(c.createdAt)}</td>
                  <td>{c.authorName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager next={next} cursor="before" />
    </>
  );
}
