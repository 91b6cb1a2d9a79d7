import { pageTitle } from "~/utils/i18n";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { BulkSummaryBlock } from "~/components/tickets/bulk-summary";
import { useI18n } from "~/components/i18n";
import ticketStyles from "../components/tickets/tickets.css?url";
import type { MessageKey } from "~/locales/en";
import { getBulkRun, type BulkRunView } from "~/modules/tickets/bulk-runs.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.bulkChange") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "update:ticket:any");
  try {
    return { run: await getBulkRun(user, params.runId ?? "") };
  } catch (error) {
    return handleAppError(error);
  }
}

const POLL_MS = 1000;

/** A large bulk action's progress, followed live while the background job works (ADR 176). */
export default function BulkRunPage() {
  const loaded = useLoaderData<typeof loader>() as { run: BulkRunView };
  const fetcher = useFetcher<typeof loader>();
  const run = (fetcher.data as { run: BulkRunView } | undefined)?.run ?? loaded.run;
  const { t } = useI18n();
  const active = run.status === "queued" || run.status === "running";

  // The progress lives in the database: this page asks for it every second until the run ends.
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => {
      if (fetcher.state === "idle") fetcher.load(`/desk/tickets/bulk/${run.id}`);
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [active, fetcher, run.id]);

  const [op, value = ""] = run.change.split(":");
  const valueLabel =
    op === "status" ? t(`ticket.status.${value}` as MessageKey) : op === "priority" ? t(`ticket.priority.${value}` as MessageKey) : op === "assign" && value === "none" ? t("bulk.unassign") : (run.valueName ?? value);
  const percent = run.total > 0 ? Math.round((run.processed / run.total) * 100) : 100;

  return (
    <>
      <h1>{t("bulk.run.heading", { action: t(`bulk.op.${op}` as MessageKey), value: valueLabel })}</h1>
      <section className="card bulk-run" aria-labelledby="bulk-run-progress">
        <h2 id="bulk-run-progress">{t("bulk.run.progressLabel")}</h2>
        <div
          className="progress"
          role="progressbar"
          aria-labelledby="bulk-run-progress"
          aria-valuemin={0}
          aria-valuemax={run.total}
          aria-valuenow={run.processed}
          aria-valuetext={t("bulk.run.progress", { done: run.processed, total: run.total })}
        >
          <div className="progress-bar" style={{ width: `${percent}%` }} />
        </div>
        <p role="status">
          {run.status === "queued" ? t("bulk.run.queued") : t("bulk.run.progress", { done: run.processed, total: run.total })}{" "}
          {run.status === "running" ? t("bulk.run.running") : run.status === "done" ? t("bulk.run.done") : null}
        </p>
      </section>
      {run.status === "failed" ? (
        <div className="alert alert-error" role="alert">
          {t("bulk.run.failed")} {run.failure ? t(run.failure as MessageKey) : null}
        </div>
      ) : null}
      {run.status === "done" || run.status === "failed" ? <BulkSummaryBlock summary={run.summary} changeLabel={valueLabel} /> : null}
      <p>
        <Link to="/desk/tickets">{t("bulk.run.back")}</Link>
      </p>
    </>
  );
}
