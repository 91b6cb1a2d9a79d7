import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors } from "~/utils/messages";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { FormError, Notice, TextAreaField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import ticketStyles from "../components/tickets/tickets.css?url";
import type { MessageKey } from "~/locales/en";
import { getCalendar, saveCalendar } from "~/modules/sla/admin.server";
import { calendarFormValuesFrom, calendarToFormValues, parseCalendarForm, WEEKDAYS } from "~/modules/sla/calendar-form";
import { DEFAULT_MOSCOW_CALENDAR } from "~/modules/sla/defaults";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { formValues } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.businessCalendar") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:calendar:any");
  if (params.calendarId === "new") {
    const values = calendarToFormValues("", { ...DEFAULT_MOSCOW_CALENDAR, holidays: [] });
    return { isNew: true, values };
  }
  try {
    const calendar = await getCalendar(user, params.calendarId ?? "");
    return { isNew: false, values: calendarToFormValues(calendar.name, calendar.calendar) };
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:calendar:any");
  const values = formValues(await request.formData());
  const parsed = parseCalendarForm(calendarFormValuesFrom(values));
  if (!parsed.ok) return data({ ok: false, formError: "", fieldErrors: parsed.fieldErrors as FieldErrors, values }, { status: 400 });
  try {
    const id = await saveCalendar(user, params.calendarId === "new" ? null : (params.calendarId ?? null), { name: parsed.name, calendar: parsed.calendar });
    return redirect(`/admin/calendars/${id}?saved=1`);
  } catch (error) {
    return handleAppError(error, values);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/admin/calendars", label: t("nav.calendars") }, { label: d.isNew ? t("calendars.new") : d.values.name }]);

export default function CalendarEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const flat = result?.values ?? {
    name: loaded.values.name,
    timeZone: loaded.values.timeZone,
    holidays: loaded.values.holidays,
    extraWorkingDays: loaded.values.extraWorkingDays,
    ...Object.fromEntries(WEEKDAYS.map((d) => [`weekday${d}`, loaded.values.weekly[d]])),
  };
  return (
    <>
      <p>
        <Link to="/admin/calendars">← {t("calendars.title")}</Link>
      </p>
      <h1>{loaded.isNew ? t("calendars.new") : flat.name}</h1>
      {params.get("saved") ? <Notice>{t("common.saved")}</Notice> : null}
      <FormError message={result && !result.ok ? result.formError || t("filing.fixErrors") : null} />
      <AppForm method="post" className="card" result={result} formError="none">
        <div className="grid-2">
          <TextField label={t("common.name")} name="name" required defaultValue={flat.name} />
          <TextField label={t("calendars.timeZone")} name="timeZone" required hint={t("calendars.timeZoneHint")} defaultValue={flat.timeZone} />
        </div>
        <fieldset>
          <legend>{t("calendars.week")}</legend>
          <p className="hint">{t("calendars.windowsHint")}</p>
          <div className="week-grid">
            {WEEKDAYS.map((d) => (
              <TextField key={d} label={t(`calendars.weekdayLong.${d}` as MessageKey)} name={`weekday${d}`} defaultValue={flat[`weekday${d}`]} />
            ))}
          </div>
        </fieldset>
        <div className="grid-2">
          <TextAreaField label={t("calendars.holidays")} name="holidays" rows={10} hint={t("calendars.holidaysHint")} defaultValue={flat.holidays} />
          <TextAreaField
            label={t("calendars.extraDays")}
            name="extraWorkingDays"
            rows={10}
            hint={t("calendars.extraDaysHint")}
            defaultValue={flat.extraWorkingDays}
          />
        </div>
        <p className="hint">{t("calendars.applyHint")}</p>
        <SubmitButton>{t("common.save")}</SubmitButton>
      </AppForm>
    </>
  );
}
