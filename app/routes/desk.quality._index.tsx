import { pageTitle } from "~/utils/i18n";
import { complaintSubjectIn } from "~/modules/quality/complaint-form";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { FilterTabs } from "~/components/quality/filter-tabs";
import { ComplaintStatusBadge, DeadlineBadge, OutcomeText } from "~/components/quality/complaint-badges";
import qualityStyles from "../components/quality/quality.css?url";
import type { MessageKey } from "~/locales/en";
import { COMPLAINT_STATUSES, type ComplaintStatus } from "~/modules/quality/complaint-state";
import { complaintQueue, type QueueFilter } from "~/modules/quality/complaints.server";
import { openCsatAlertCount } from "~/modules/quality/csat.server";
import { moderationQueue } from "~/modules/reviews/reviews.server";
import { requirePermission } from "~/modules/accounts/auth.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.quality") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: qualityStyles }];

const FILTERS: QueueFilter[] = ["open", ...COMPLAINT_STATUSES, "all"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:complaint:any");
  const url = new URL(request.url);
  const param = url.searchParams.get("status") as QueueFilter | null;
  const filter: QueueFilter = param && FILTERS.includes(param) ? param : "open";
  const now = new Date();
  const [queue, csatAlerts, reviews] = await Promise.all([complaintQueue(user, filter, now), openCsatAlertCount(), moderationQueue(user, "pending")]);
  return { ...queue, filter, csatAlerts, pendingReviews: reviews.counts.pending ?? 0 };
}

export default function QualityQueue() {
  const { counts, items, filter, csatAlerts, pendingReviews } = useLoaderData<typeof loader>();
  const { t, dateTime, locale } = useI18n();
  const openCount = (["received", "acknowledged", "investigating", "answered"] as ComplaintStatus[]).reduce((s, k) => s + (counts[k] ?? 0), 0);
  const allCount = openCount + (counts.closed ?? 0);
  const countOf = (f: QueueFilter) => (f === "open" ? openCount : f === "all" ? allCount : (counts[f] ?? 0));
  const labelOf = (f: QueueFilter) => (f === "open" || f === "all" ? t(`quality.filter.${f}` as MessageKey) : t(`complaint.status.${f}` as MessageKey));
  return (
    <>
      <h1>{t("quality.title")}</h1>
      <ul className="queue-counts" aria-label={t("nav.quality")}>
        <li>
          <Link to="/desk/quality/csat">
            {t("quality.csatAlerts")} <span className="count">{csatAlerts}</span>
          </Link>
        </li>
        <li>
          <Link to="/desk/quality/reviews">
            {t("quality.pendingReviews")} <span className="count">{pendingReviews}</span>
          </Link>
        </li>
        <li>
          <Link to="/desk/quality/root-causes">{t("quality.rootCauses")}</Link>
        </li>
      </ul>
      <h2>{t("quality.queue")}</h2>
      <FilterTabs
        label={t("quality.queue")}
        param="status"
        current={filter}
        tabs={FILTERS.map((f) => ({ value: f, label: labelOf(f), count: countOf(f) }))}
      />
      {items.length === 0 ? (
        <p className="card">{t("quality.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("complaints.subject")}</th>
                <th scope="col">{t("quality.organisation")}</th>
                <th scope="col">{t("complaints.status")}</th>
                <th scope="col">{t("quality.due")}</th>
                <th scope="col">{t("quality.owner")}</th>
                <th scope="col">{t("workspace.received")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/desk/quality/complaints/${c.id}`}>{complaintSubjectIn(c.subject, locale)}</Link>
                    {c.raisedByStaff ? <> <span className="badge">{t("quality.staffRaised")}</span></> : null}
                    {c.reopened ? <> <span className="badge warn">{t("quality.reopened")}</span></> : null}
                  </td>
                  <td>{c.organisationName}</td>
                  <td>
                    <ComplaintStatusBadge status={c.status} />
                    {c.outcome ? (
                      <>
                        {" "}
                        <span className="muted">
                          <OutcomeText outcome={c.outcome} />
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>{c.due ? <DeadlineBadge clock={c.due.clock} status={c.due.status} at={c.due.dueAt} /> : "—"}</td>
                  <td>{c.assigneeName ?? <span className="muted">{t("quality.nobody")}</span>}</td>
                  <td>{dateTime(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
