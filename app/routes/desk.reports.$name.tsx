import { redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { ReportChartView } from "~/components/reports/chart";
import { ReportFiltersForm, ReportNav, ReportTableView } from "~/components/reports/report-view";
import reportStyles from "../components/reports/reports.css?url";
import type { MessageKey } from "~/locales/en";
import { sendRenewalReminderNow } from "~/modules/licensing/reminders.server";
import { reportCsvHref } from "~/modules/reports/csv-links";
import { parseReportFilters } from "~/modules/reports/filters";
import { isReportName, REPORTS, runReport } from "~/modules/reports/reports.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { translate, pageTitle } from "~/utils/i18n";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.title ? `${data?.title} · Keydesk` : pageTitle(matches, "title.report") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

/**
 * GET /desk/reports/<name>?period=30d&product=…&organisation=…&engineer=…&groupBy=week — a report
 * page; `/desk/reports/<name>/csv?…&table=<table>` downloads one of its tables.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:report:any");
  const name = params.name;
  if (!isReportName(name)) throw new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  // Earlier CSV addresses (…?format=csv&table=…) move to the CSV route.
  if (url.searchParams.get("format") === "csv") throw redirect(reportCsvHref(name, url.searchParams), 301);
  const now = new Date();
  const filters = parseReportFilters(url.searchParams, user.timeZone, now);
  const text = (key: string) => translate(user.locale, key as MessageKey);
  try {
    const { result, names } = await runReport(user, name, filters, now, text, user.locale);
    const expiring = name === "licences-expiring" ? result.tables.find((t) => t.name === "licences") : null;
    return {
      name,
      title: text(`reports.name.${name}`),
      filters,
      fields: REPORTS[name].filters,
      choices: names.choices,
      result,
      // The "send reminder" action needs each listed licence's id and key, row by row.
      reminderTargets: expiring ? (result.notes?.licenceIds as string | undefined)?.split(",") ?? [] : [],
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

const reminderSchema = z.object({ intent: z.literal("send-reminder"), licenceId: z.uuid() });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:report:any");
  if (params.name !== "licences-expiring") throw new Response("Not found", { status: 404 });
  const parsed = reminderSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { ok: false as const, formError: translate(user.locale, "reports.none"), fieldErrors: {} };
  try {
    const sent = await sendRenewalReminderNow(user, parsed.data.licenceId);
    return { ok: true as const, recipients: sent.recipients };
  } catch (error) {
    return handleAppError(error);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/desk/reports", label: t("nav.reports") }, { label: d.title }]);

export default function ReportPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, say } = useI18n();
  const { result } = data;
  const reminderColumn =
    data.name === "licences-expiring"
      ? {
          header: t("reports.sendReminder"),
          render: (i: number) => {
            const id = data.reminderTargets[i];
            const key = result.tables.find((x) => x.name === "licences")?.rows[i]?.[2];
            if (!id) return null;
            return (
              // What it answers is said above the tables.
              <AppForm method="post" schema={reminderSchema} intent="send-reminder" formError="none">
                <input type="hidden" name="licenceId" value={id} />
                <SubmitButton className="secondary" aria-label={t("reports.sendReminderTo", { key: String(key ?? "") })}>
                  {t("reports.sendReminder")}
                </SubmitButton>
              </AppForm>
            );
          },
        }
      : undefined;
  return (
    <>
      <ReportNav current={data.name} />
      <h1>{data.title}</h1>
      <p className="muted">{t(`reports.about.${data.name}` as MessageKey)}</p>
      {data.fields.length > 0 ? <ReportFiltersForm filters={data.filters} fields={data.fields} choices={data.choices} /> : null}
      {data.name === "backlog" ? <p className="muted">{t("reports.backlog.now")}</p> : null}
      {data.name === "licences-expiring" ? <p className="muted">{t("reports.expiring.now")}</p> : null}
      {data.name === "reviews" ? <p className="muted">{t("reports.reviews.questionsNote")}</p> : null}
      {actionData ? (
        actionData.ok ? (
          <Notice>{t("reports.reminderSent", { count: actionData.recipients })}</Notice>
        ) : (
          <p className="form-error" role="alert">
            {say(actionData.formError)}
          </p>
        )
      ) : null}
      {result.charts.map((chart) => (
        <ReportChartView key={chart.title} chart={chart} title={t("reports.chartOf", { title: t(chart.title as MessageKey) })} />
      ))}
      {result.tables.map((table) => (
        <ReportTableView key={table.name} table={table} extraColumn={table.name === "licences" ? reminderColumn : undefined} />
      ))}
    </>
  );
}
