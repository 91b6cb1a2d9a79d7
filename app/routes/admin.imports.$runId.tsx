import { pageTitle } from "~/utils/i18n";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useI18n } from "~/components/i18n";
import { OUTCOMES } from "~/modules/imports/fields";
import { getImport } from "~/modules/imports/imports.server";
import type { MessageKey } from "~/locales/en";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.import") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "import:data:any");
  try {
    return { run: await getImport(user, params.runId ?? "") };
  } catch (error) {
    return handleAppError(error);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/admin/imports", label: t("nav.imports") }, { label: (d as unknown as { run: { fileName: string } }).run.fileName }]);

export default function ImportRunPage() {
  const { run } = useLoaderData<typeof loader>() as { run: Awaited<ReturnType<typeof getImport>> };
  const { t, dateTime } = useI18n();
  const revalidator = useRevalidator();
  const active = run.status === "queued" || run.status === "running";
  // The progress lives in the database: polling it survives a reload or leaving and coming back.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [active, revalidator]);
  return (
    <>
      <h1>{t("imports.run", { file: run.fileName })}</h1>
      <p>
        <Link to="/admin/imports">{t("imports.title")}</Link>
      </p>
      <dl className="card">
        <dt>{t("imports.kind")}</dt>
        <dd>{t(`imports.kind.${run.kind}` as MessageKey)}</dd>
        <dt>{t("imports.policy")}</dt>
        <dd>{t(`imports.policy.${run.policy}` as MessageKey)}</dd>
        <dt>{t("imports.when")}</dt>
        <dd>{dateTime(run.createdAt)}</dd>
        <dt>{t("imports.by")}</dt>
        <dd>{run.byName ?? "npm run import"}</dd>
        <dt>{t("imports.status")}</dt>
        <dd>
          <span role="status">{t(`imports.status.${run.status}` as MessageKey)}</span>
        </dd>
      </dl>
      {active ? (
        <section className="card">
          <label htmlFor="import-progress">{t("imports.progress")}</label>
          <progress id="import-progress" max={run.totalRows} value={run.rowsDone}>
            {run.rowsDone}
          </progress>
          <p>{t("imports.progressText", { done: run.rowsDone, total: run.totalRows })}</p>
          <p className="hint">{t("imports.progressHint")}</p>
        </section>
      ) : null}
      {run.status === "failed" ? (
        <div className="alert alert-error" role="alert">
          {t("imports.failure", { reason: t(`imports.problem.${run.failure ?? "import_failed"}` as MessageKey, { detail: "" }) })}
        </div>
      ) : null}
      <h2>{t("imports.summary", { total: run.totalRows })}</h2>
      <ul>
        {OUTCOMES.map((o) => (
          <li key={o}>
            {t(`imports.outcome.${o}` as MessageKey)}: {run.counts[o]}
          </li>
        ))}
        <li>
          {t("imports.warnings")}: {run.warnings}
        </li>
      </ul>
      {run.rowsDone > 0 ? (
        <p>
          <a href={`/admin/imports/${run.id}/outcomes.csv`} download>
            {t("imports.downloadOutcomes")}
          </a>
        </p>
      ) : null}
    </>
  );
}
