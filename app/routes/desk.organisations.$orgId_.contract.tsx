import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ActionResult } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { formatAmount, formatMinutes } from "~/components/time/format";
import { UsageView } from "~/components/time/usage-view";
import { can } from "~/modules/accounts/permissions";
import { contractFormSchema, prepaidAdjustmentSchema, rateForForm, type ContractField } from "~/modules/time-tracking/contract-form";
import { getContract, setContract } from "~/modules/time-tracking/contracts.server";
import { creditPrepaidMinutes, listPrepaidCredits } from "~/modules/time-tracking/prepaid.server";
import { getUsage } from "~/modules/time-tracking/usage.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError, notFound } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { isUuid } from "~/utils/pagination";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.contractAndTime") }];

/** Staff: an organisation's contract (admins edit it), its usage and statements, prepaid credits. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:organisation:any");
  if (!isUuid(params.orgId)) notFound();
  const url = new URL(request.url);
  try {
    const [contract, usage, credits] = await Promise.all([
      getContract(user, params.orgId),
      getUsage(user, params.orgId, { month: url.searchParams.get("month"), after: url.searchParams.get("after") }),
      listPrepaidCredits(user, params.orgId),
    ]);
    return { contract, usage, credits, canEdit: can(user, "manage:organisation:any") };
  } catch (error) {
    throw handleAppError(error);
  }
}

type Result = ActionResult<{ intent: string; values: Record<string, string>; minutes?: number }>;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:organisation:any");
  if (!isUuid(params.orgId)) notFound();
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "credit") {
      const parsed = parseForm(prepaidAdjustmentSchema, form);
      if (!parsed.ok) return data<Result>({ ok: false, intent, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
      const credit = await creditPrepaidMinutes(user, { organisationId: params.orgId, minutes: parsed.data.minutes, source: "adjustment", note: parsed.data.note });
      return data<Result>({ ok: true, intent, formError: "", fieldErrors: {}, values: {}, minutes: credit.minutes });
    }
    const current = await getContract(user, params.orgId);
    const parsed = parseForm(contractFormSchema(current.planDefaults.currency), form);
    if (!parsed.ok) return data<Result>({ ok: false, intent: "contract", formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
    await setContract(user, params.orgId, parsed.data);
    return data<Result>({ ok: true, intent: "contract", formError: "", fieldErrors: {}, values: {} });
  } catch (error) {
    const failure = handleAppError(error, Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>);
    return data({ ...failure.data, intent: intent === "credit" ? "credit" : "contract" }, failure.init ?? undefined);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t, params }) => [{ to: "/desk/organisations", label: t("nav.organisations") }, { to: `/desk/organisations/${params.orgId}`, label: d.contract.organisationName }, { label: t("crumbs.contract") }]);

export default function ContractPage() {
  const { contract, usage, credits, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { t, locale } = useI18n();
  const plan = contract.planDefaults;
  const o = contract.overrides;
  const contractResult = result?.intent === "contract" ? result : undefined;
  const creditResult = result?.intent === "credit" ? result : undefined;
  const values = contractResult && !contractResult.ok ? contractResult.values : {};
  const follows = (_field: ContractField, overridden: boolean) => !overridden;
  const planDays = plan.freeDaysPerWeek ?? t("contract.unlimited");
  return (
    <>
      <p>
        <Link to={`/desk/organisations/${contract.organisationId}`}>← {contract.organisationName}</Link>
      </p>
      <h1>{t("contract.title", { name: contract.organisationName })}</h1>
      <section className="card">
        <dl className="facts">
          <dt>{t("contract.plan")}</dt>
          <dd>{plan.planName ?? "—"}</dd>
          <dt>{t("contract.freeMinutesPerDay")}</dt>
          <dd>{contract.contract.freeMinutesPerDay}</dd>
          <dt>{t("contract.freeDaysPerWeek")}</dt>
          <dd>{contract.contract.freeDaysPerWeek ?? t("contract.unlimited")}</dd>
          <dt>{t("contract.hourlyRate")}</dt>
          <dd>{formatAmount(contract.hourlyRateMinor, contract.currency, locale)}</dd>
        </dl>
      </section>
      {canEdit ? (
        <details className="card" open={Boolean(contractResult)}>
          <summary>{t("time.edit")}</summary>
          {contractResult?.ok ? <Notice>{t("contract.saved")}</Notice> : null}
          <AppForm method="post" schema={contractFormSchema(plan.currency)} result={result} intent="contract">
            <div className="contract-field">
              <TextField
                label={t("contract.freeMinutesPerDay")}
                name="freeMinutesPerDay"
                type="number"
                min={0}
                max={1440}
                defaultValue={values.freeMinutesPerDay ?? String(o.freeMinutesPerDay ?? plan.freeMinutesPerDay)}
              />
              <label>
                <input type="checkbox" name="followPlan" value="freeMinutesPerDay" defaultChecked={follows("freeMinutesPerDay", o.freeMinutesPerDay !== null)} />{" "}
                {t("contract.followPlan", { value: plan.freeMinutesPerDay })}
              </label>
            </div>
            <div className="contract-field">
              <TextField
                label={t("contract.freeDaysPerWeek")}
                name="freeDaysPerWeek"
                type="number"
                min={1}
                max={7}
                hint={t("contract.freeDaysHint")}
                defaultValue={values.freeDaysPerWeek ?? (o.freeDaysPerWeekSet ? String(o.freeDaysPerWeek ?? "") : String(plan.freeDaysPerWeek ?? ""))}
              />
              <label>
                <input type="checkbox" name="followPlan" value="freeDaysPerWeek" defaultChecked={follows("freeDaysPerWeek", o.freeDaysPerWeekSet)} />{" "}
                {t("contract.followPlan", { value: planDays })}
              </label>
            </div>
            <div className="contract-field">
              <TextField
                label={t("contract.hourlyRate")}
                name="hourlyRate"
                inputMode="decimal"
                defaultValue={values.hourlyRate ?? rateForForm(contract.hourlyRateMinor, contract.currency)}
              />
              <label>
                <input type="checkbox" name="followPlan" value="hourlyRateMinor" defaultChecked={follows("hourlyRateMinor", o.hourlyRateMinor !== null)} />{" "}
                {t("contract.followPlan", { value: formatAmount(plan.hourlyRateMinor, plan.currency, locale) })}
              </label>
              <TextField label={t("contract.currency")} name="currency" maxLength={3} defaultValue={values.currency ?? contract.currency} />
              <label>
                <input type="checkbox" name="followPlan" value="currency" defaultChecked={follows("currency", o.currency !== null)} />{" "}
                {t("contract.followPlan", { value: plan.currency })}
              </label>
            </div>
            <p>
              <SubmitButton>{t("common.save")}</SubmitButton>
            </p>
          </AppForm>
        </details>
      ) : null}
      <UsageView
        usage={usage}
        credits={credits}
        statementHref={(month) => `/desk/organisations/${contract.organisationId}/contract/statement.csv?month=${month}`}
        ticketHref={(n) => `/desk/tickets/${n}`}
        actions={
          canEdit ? (
            <details open={Boolean(creditResult)}>
              <summary>{t("contract.credit")}</summary>
              {creditResult?.ok ? <Notice>{t("contract.credited", { minutes: formatMinutes(t, creditResult.minutes ?? 0) })}</Notice> : null}
              <AppForm method="post" schema={prepaidAdjustmentSchema} result={result} intent="credit">
                <TextField label={t("contract.creditMinutes")} name="minutes" type="number" min={1} required />
                <TextField label={t("contract.creditNote")} name="note" required maxLength={500} />
                <SubmitButton className="secondary">{t("contract.credit")}</SubmitButton>
              </AppForm>
            </details>
          ) : null
        }
      />
    </>
  );
}
