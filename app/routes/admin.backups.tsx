import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/utils/i18n";
import { Link, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { useEffect } from "react";
import { FormError, Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { backupsOverview, startBackupNow } from "~/modules/backups/backups.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { translate } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "backups.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:backup:any");
  return backupsOverview(user);
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:backup:any");
  const locale = await resolveLocale(request, user);
  if ((await request.formData()).get("intent") !== "backup") return data({ ok: false as const, message: translate(locale, "backups.badRequest") }, { status: 400 });
  const { started } = await startBackupNow(user);
  return started
    ? data({ ok: true as const, message: translate(locale, "backups.started") })
    : data({ ok: false as const, message: translate(locale, "backups.alreadyRunning") }, { status: 409 });
}

const mb = (bytes: number) => Math.max(0.1, Math.round(bytes / 104_857.6) / 10);

export default function AdminBackups() {
  const { backups, running, last, schedule, dir, filesInS3 } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const { t, dateTime } = useI18n();
  // While a backup runs in this instance the page follows its phase, then shows the outcome.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  const scheduleParams = { hours: schedule.intervalHours, hour: schedule.hourUtc, daily: schedule.keepDaily, weekly: schedule.keepWeekly };
  return (
    <>
      <h1>{t("backups.title")}</h1>
      <p>{t("backups.intro")}</p>
      <p>
        {t(schedule.intervalHours >= 24 ? "backups.scheduleDaily" : "backups.scheduleHourly", scheduleParams)}{" "}
        <Link to="/admin/settings#group-backups">{t("backups.settings")}</Link>
      </p>
      <p className="muted">{t("backups.folder", { dir })}</p>
      <p className="muted">{t("backups.restoreHint")}</p>
      <p className="muted">{t("backups.secretsHint")}</p>
      {filesInS3 ? <p className="alert alert-error">{t("backups.s3Hint")}</p> : null}
      <section className="card">
        {result && !running ? result.ok ? <Notice>{result.message}</Notice> : <FormError message={result.message} /> : null}
        {running ? (
          <p role="status">
            <progress aria-label={t("backups.running", { phase: t(`backups.phase.${running.phase}` as MessageKey) })} />{" "}
            {t("backups.running", { phase: t(`backups.phase.${running.phase}` as MessageKey) })}
          </p>
        ) : last ? (
          last.ok ? (
            <p role="status">{t("backups.lastOk", { when: dateTime(last.at), size: t("backups.size", { mb: mb(last.size) }), seconds: Math.max(1, Math.round(last.durationMs / 1000)) })}</p>
          ) : (
            <p className="alert alert-error" role="alert">
              {t("backups.lastFailed", { when: dateTime(last.at), error: last.error })}
            </p>
          )
        ) : null}
        <AppForm method="post" intent="backup">
          <SubmitButton className="button" disabled={Boolean(running)}>
            {t("backups.now")}
          </SubmitButton>
        </AppForm>
      </section>
      {backups.length === 0 ? (
        <p>{t("backups.empty")}</p>
      ) : (
        <table>
          <caption>{t("backups.list")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("backups.col.time")}</th>
              <th scope="col">{t("backups.col.size")}</th>
              <th scope="col">{t("backups.col.driver")}</th>
              <th scope="col">{t("backups.col.contents")}</th>
              <th scope="col">{t("backups.col.download")}</th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name}>
                <td>{dateTime(b.createdAt)}</td>
                <td>{t("backups.size", { mb: mb(b.size) })}</td>
                <td>{t(`backups.driver.${b.driver ?? "unknown"}` as MessageKey)}</td>
                <td>{b.rows === null ? "—" : t("backups.contents", { rows: b.rows, tables: b.tables ?? 0, files: b.files ?? 0 })}</td>
                <td>
                  <a href={`/admin/backups/${encodeURIComponent(b.name)}`} download aria-label={t("backups.downloadLabel", { when: dateTime(b.createdAt) })}>
                    {t("backups.download")}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
