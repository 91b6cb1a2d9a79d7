import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors } from "~/utils/messages";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { useAppForm } from "~/components/form-context";
import { FormError, Notice, SelectField, TextField, FieldErrorText } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import ticketStyles from "../components/tickets/tickets.css?url";
import type { MessageKey } from "~/locales/en";
import { getPlan, listCalendars, planCurrency, savePlan } from "~/modules/sla/admin.server";
import { CLOCK_FIELDS, parsePlanForm, planToFormValues } from "~/modules/sla/plan-form";
import { PRIORITIES, STANDARD_PLAN_TARGETS, slaTargetsSchema } from "~/modules/sla/targets";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { formValues } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.supportPlan") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ticketStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:plan:any");
  const calendars = (await listCalendars(user)).map((c) => ({ id: c.id, name: c.name }));
  if (params.planId === "new") {
    return {
      isNew: true,
      calendars,
      values: planToFormValues({
        name: "",
        slug: "",
        calendarId: calendars[0]?.id ?? "",
        targets: STANDARD_PLAN_TARGETS,
        isDefault: false,
        allowsUrgent: false,
        freeMinutesPerDay: 15,
        freeDaysPerWeek: null,
        priceMinor: null,
        termMonths: 12,
      }),
      currency: "RUB",
    };
  }
  try {
    const plan = await getPlan(user, params.planId ?? "");
    const targets = slaTargetsSchema.safeParse(plan.targets);
    return {
      isNew: false,
      calendars,
      values: planToFormValues({ ...plan, targets: targets.success ? targets.data : STANDARD_PLAN_TARGETS }, plan.currency),
      currency: plan.currency,
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:plan:any");
  const values = formValues(await request.formData());
  const parsed = parsePlanForm(values, await planCurrency(user, params.planId ?? ""));
  if (!parsed.ok) return data({ ok: false, formError: "", fieldErrors: parsed.fieldErrors as FieldErrors, values }, { status: 400 });
  try {
    const id = await savePlan(user, params.planId === "new" ? null : (params.planId ?? null), parsed.plan);
    return redirect(`/admin/plans/${id}?saved=1`);
  } catch (error) {
    return handleAppError(error, values);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/admin/plans", label: t("nav.plans") }, { label: d.isNew ? t("plans.new") : d.values.name }]);

/** One cell of the targets table: a number of minutes, labelled for screen readers, with its error. */
function TargetInput({ name, label, defaultValue }: { name: string; label: string; defaultValue: string | undefined }) {
  const invalid = Boolean(useAppForm()?.errorsOf(name)?.length);
  return (
    <>
      <label className="sr-only" htmlFor={name}>
        {label}
      </label>
      <input id={name} name={name} inputMode="numeric" defaultValue={defaultValue} aria-invalid={invalid || undefined} aria-describedby={invalid ? `${name}-error` : undefined} />
      <FieldErrorText name={name} id={`${name}-error`} />
    </>
  );
}

export default function PlanEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const values = result?.values ?? loaded.values;
  return (
    <>
      <p>
        <Link to="/admin/plans">← {t("plans.title")}</Link>
      </p>
      <h1>{loaded.isNew ? t("plans.new") : values.name}</h1>
      {params.get("saved") ? <Notice>{t("common.saved")}</Notice> : null}
      <FormError message={result && !result.ok ? result.formError || t("filing.fixErrors") : null} />
      <AppForm method="post" className="card" result={result} formError="none">
        <div className="grid-2">
          <TextField label={t("common.name")} name="name" required defaultValue={values.name} />
          <TextField label={t("plans.slug")} name="slug" required hint={t("plans.slugHint")} defaultValue={values.slug} />
          <SelectField label={t("plans.calendar")} name="calendarId" defaultValue={values.calendarId}>
            {loaded.calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </SelectField>
          <div className="field">
            <label>
              <input type="checkbox" name="isDefault" defaultChecked={values.isDefault === "on"} /> {t("plans.isDefault")}
            </label>
            <FieldErrorText />
          </div>
          <div className="field">
            <label>
              <input type="checkbox" name="allowsUrgent" defaultChecked={values.allowsUrgent === "on"} /> {t("plans.allowsUrgent")}
            </label>
            <p className="hint">{t("plans.allowsUrgent.hint")}</p>
          </div>
        </div>
        <fieldset className="targets">
          <legend>{t("plans.targets")}</legend>
          <p className="hint">{t("plans.targetsHint")}</p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("ticket.priority")}</th>
                  {CLOCK_FIELDS.map((clock) => (
                    <th scope="col" key={clock}>
                      {t(`plans.field.${clock}` as MessageKey)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {PRIORITIES.map((priority) => (
                  <tr key={priority}>
                    <th scope="row">{t(`ticket.priority.${priority}` as MessageKey)}</th>
                    {CLOCK_FIELDS.map((clock) => {
                      const name = `${clock}.${priority}`;
                      return (
                        <td key={clock}>
                          <TargetInput name={name} label={`${t(`plans.field.${clock}` as MessageKey)} — ${t(`ticket.priority.${priority}` as MessageKey)}`} defaultValue={values[name]} />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("plans.timeCounters")}</legend>
          <div className="grid-2">
            <TextField label={t("plans.freeMinutesPerDay")} name="freeMinutesPerDay" inputMode="numeric" defaultValue={values.freeMinutesPerDay} />
            <TextField
              label={t("plans.freeDaysPerWeek")}
              name="freeDaysPerWeek"
              inputMode="numeric"
              hint={t("plans.freeDaysPerWeekHint")}
              defaultValue={values.freeDaysPerWeek}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("plans.sale")}</legend>
          <p className="hint">{t("plans.saleHint")}</p>
          <div className="grid-2">
            <TextField
              label={t("plans.price", { currency: loaded.currency })}
              name="price"
              inputMode="decimal"
              hint={t("plans.priceHint")}
              defaultValue={values.price}
            />
            <TextField label={t("plans.termMonths")} name="termMonths" inputMode="numeric" defaultValue={values.termMonths} />
          </div>
        </fieldset>
        <p className="hint">{t("plans.applyHint")}</p>
        <SubmitButton>{t("common.save")}</SubmitButton>
      </AppForm>
    </>
  );
}
