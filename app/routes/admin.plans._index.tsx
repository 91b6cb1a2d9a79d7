import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { FormError, Notice, SelectField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { formatDuration, pageTitle } from "~/utils/i18n";
import { listPlans, organisationPlans, setOrganisationPlan } from "~/modules/sla/admin.server";
import { PRIORITIES } from "~/modules/sla/targets";
import type { MessageKey } from "~/locales/en";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.supportPlans") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:plan:any");
  const [plans, organisations] = await Promise.all([listPlans(user), organisationPlans(user)]);
  return { plans, organisations };
}

const assignPlanSchema = z.object({
  organisationId: z.uuid({ error: "sla.field.chooseOrganisation" }),
  planId: z.preprocess((v) => (v === "" ? null : v), z.uuid().nullable()),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:plan:any");
  const parsed = parseForm(assignPlanSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false, retargeted: 0, formError: "", fieldErrors: parsed.fieldErrors as FieldErrors, values: parsed.values }, { status: 400 });
  try {
    const { retargeted } = await setOrganisationPlan(user, parsed.data.organisationId, parsed.data.planId);
    return { ok: true, retargeted, formError: "", fieldErrors: {} as FieldErrors, values: {} as Record<string, string> };
  } catch (error) {
    return handleAppError(error, parsed.values);
  }
}

export default function Plans() {
  const { plans, organisations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useI18n();
  const duration = (minutes: number | null) => (minutes === null ? "—" : formatDuration(minutes, locale));
  return (
    <>
      <div className="ticket-head">
        <h1>{t("plans.title")}</h1>
        <Link className="button" to="/admin/plans/new">
          {t("plans.new")}
        </Link>
      </div>
      <p className="muted">{t("plans.intro")}</p>
      {plans.map((plan) => (
        <section className="card" key={plan.id}>
          <h2 style={{ marginTop: 0 }}>
            <Link to={`/admin/plans/${plan.id}`}>{plan.name}</Link> {plan.isDefault ? <span className="badge ok">{t("plans.default")}</span> : null}
          </h2>
          <p className="muted">
            {t("plans.calendar")}: {plan.calendarName} · {t("plans.organisations", { count: plan.organisations })}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("ticket.priority")}</th>
                  <th scope="col">{t("sla.clock.first_response")}</th>
                  <th scope="col">{t("sla.clock.next_response")}</th>
                  <th scope="col">{t("sla.clock.resolution")}</th>
                </tr>
              </thead>
              <tbody>
                {PRIORITIES.map((p) => (
                  <tr key={p}>
                    <th scope="row">{t(`ticket.priority.${p}` as MessageKey)}</th>
                    <td>{duration(plan.targets[p].firstResponse)}</td>
                    <td>{duration(plan.targets[p].nextResponse)}</td>
                    <td>{duration(plan.targets[p].resolution)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}

      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("plans.assignTitle")}</h2>
        <p className="hint">{t("plans.assignHint")}</p>
        {result?.ok ? <Notice>{t("plans.assigned", { count: result.retargeted })}</Notice> : <FormError message={result?.formError} />}
        <AppForm method="post" className="toolbar" schema={assignPlanSchema} result={result} formError="none">
          <SelectField label={t("common.organisation")} name="organisationId">
            <option value="">—</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name} ({plans.find((p) => p.id === o.planId)?.name ?? t("plans.defaultPlan")})
              </option>
            ))}
          </SelectField>
          <SelectField label={t("plans.plan")} name="planId">
            <option value="">{t("plans.defaultPlan")}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <SubmitButton>{t("plans.assign")}</SubmitButton>
        </AppForm>
      </section>
    </>
  );
}
