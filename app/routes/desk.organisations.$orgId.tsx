import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { msg, type FormMessage } from "~/utils/messages";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { AppForm, SubmitButton, type FormResult } from "~/components/app-form";
import { Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { organisationFormValues, parseOrganisationForm, type OrganisationFieldError } from "~/modules/accounts/organisation-form";
import { organisationEditor, updateOrganisation, type DuplicateOrganisation } from "~/modules/accounts/organisations.server";
import { can } from "~/modules/accounts/permissions";
import { listContacts } from "~/modules/accounts/users.server";
import { getImportSettings } from "~/modules/imports/imports.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { AppError, handleAppError, notFound } from "~/utils/errors.server";
import { formValues } from "~/utils/forms";
import { isUuid } from "~/utils/pagination";
import { breadcrumbs } from "~/components/breadcrumbs";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:organisation:any");
  if (!isUuid(params.orgId)) notFound();
  try {
    const editor = await organisationEditor(user, params.orgId);
    // A merged organisation's address leads to the one it was merged into.
    if (editor.organisation.mergedIntoId) throw redirect(`/desk/organisations/${editor.organisation.mergedIntoId}?merged=1`);
    return {
      ...editor,
      contacts: await listContacts(user, editor.organisation.id),
      canEdit: can(user, "update:organisation:any"),
      canMerge: can(user, "manage:organisation:any"),
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

type ActionResult = { ok: boolean; fieldErrors: Record<string, OrganisationFieldError>; formError: FormMessage; values: Record<string, string>; duplicates: DuplicateOrganisation[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update:organisation:any");
  if (!isUuid(params.orgId)) notFound();
  const values = formValues(await request.formData());
  const parsed = parseOrganisationForm(values, (await getImportSettings()).defaultCountry);
  if (!parsed.ok) return data<ActionResult>({ ok: false, fieldErrors: parsed.errors, formError: "", values, duplicates: [] }, { status: 400 });
  try {
    const { duplicates } = await updateOrganisation(user, params.orgId, parsed.values);
    return data<ActionResult>({ ok: true, fieldErrors: {}, formError: "", values: {}, duplicates });
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid") {
      return data<ActionResult>({ ok: false, fieldErrors: { planId: { code: "plan_unknown" } }, formError: "", values, duplicates: [] }, { status: 400 });
    }
    throw handleAppError(error);
  }
}

function DuplicateWarning({ duplicates, organisationId, canMerge }: { duplicates: DuplicateOrganisation[]; organisationId: string; canMerge: boolean }) {
  const { t } = useI18n();
  if (duplicates.length === 0) return null;
  return (
    <div className="alert alert-warn" role="status">
      <p>{t("orgs.duplicates.title", { count: duplicates.length })}</p>
      <ul>
        {duplicates.map((d) => (
          <li key={d.id}>
            <Link to={`/desk/organisations/${d.id}`}>{d.name}</Link> — {d.matches.map((m) => `${t(`orgs.match.${m.by}` as MessageKey)} ${m.key}`).join(", ")}
            {canMerge ? (
              <>
                {" "}
                · <Link to={`/desk/organisations/${organisationId}/merge?with=${d.id}`}>{t("orgs.merge.action")}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/desk/organisations", label: t("nav.organisations") }, { label: d.organisation.name }]);

export default function OrganisationPage() {
  const { organisation, contacts, plans, duplicates, canEdit, canMerge } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, date } = useI18n();
  const shown = result?.ok ? result.duplicates : duplicates;
  const values = result && !result.ok ? result.values : organisationFormValues(organisation);
  // The form's answer: each field's error as a catalogue message, and "fix the fields" above them.
  const answer = useMemo<FormResult>(() => {
    if (!result || result.ok) return undefined;
    const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors).map(([field, e]) => [field, [msg(`orgs.error.${e.code}` as MessageKey, { value: e.value ?? "" })]]));
    return { ok: false, formError: Object.keys(fieldErrors).length > 0 ? "orgs.edit.fix" : result.formError, fieldErrors };
  }, [result]);
  const plan = plans.find((p) => p.id === organisation.planId) ?? plans.find((p) => p.isDefault);
  return (
    <>
      <p>
        <Link to="/desk/organisations">← {t("orgs.title")}</Link>
      </p>
      <h1>{organisation.name}</h1>
      {search.get("merged") ? <Notice>{t("orgs.merge.done")}</Notice> : null}
      {result?.ok ? <Notice>{t("orgs.saved")}</Notice> : null}
      <DuplicateWarning duplicates={shown} organisationId={organisation.id} canMerge={canMerge} />
      <p>
        <Link to={`/desk/organisations/${organisation.id}/contract`}>{t("contract.link")}</Link>
        {canMerge ? (
          <>
            {" · "}
            <Link to={`/desk/organisations/${organisation.id}/merge`}>{t("orgs.merge.action")}</Link>
          </>
        ) : null}
      </p>
      {canEdit ? (
        <section className="card">
          <h2>{t("orgs.edit.title")}</h2>
          <AppForm method="post" result={answer}>
            <TextField label={t("common.name")} name="name" defaultValue={values.name} required maxLength={300} />
            <TextField label={t("orgs.legalForm")} name="legalForm" defaultValue={values.legalForm} maxLength={100} />
            <TextField label={t("orgs.taxId")} name="taxId" defaultValue={values.taxId} inputMode="numeric" hint={t("orgs.taxId.hint")} />
            <TextField label={t("orgs.kpp")} name="kpp" defaultValue={values.kpp} />
            <TextAreaField label={t("orgs.phones")} name="phones" defaultValue={values.phones} rows={2} hint={t("orgs.phones.hint")} />
            <TextAreaField label={t("orgs.emails")} name="emails" defaultValue={values.emails} rows={2} hint={t("orgs.emails.hint")} />
            <TextAreaField label={t("orgs.address")} name="address" defaultValue={values.address} rows={2} />
            <SelectField
              label={t("orgs.plan")}
              name="planId"
              defaultValue={values.planId}
             
              hint={organisation.planUntil ? t("planShop.boughtUntil", { plan: plan?.name ?? "—", date: date(organisation.planUntil) }) : undefined}
            >
              <option value="">{t("orgs.plan.default")}</option>
              {plans.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </SelectField>
            <TextAreaField label={t("orgs.notes")} name="notes" defaultValue={values.notes} rows={3} />
            <SubmitButton>{t("orgs.edit.save")}</SubmitButton>
          </AppForm>
        </section>
      ) : (
        <section className="card">
          <dl className="facts">
            <dt>{t("orgs.legalForm")}</dt>
            <dd>{organisation.legalForm ?? "—"}</dd>
            <dt>{t("orgs.taxId")}</dt>
            <dd>{organisation.taxId ?? "—"}</dd>
            <dt>{t("orgs.kpp")}</dt>
            <dd>{organisation.kpp ?? "—"}</dd>
            <dt>{t("common.email")}</dt>
            <dd>{[organisation.email, ...organisation.extraEmails].filter(Boolean).join(", ") || "—"}</dd>
            <dt>{t("orgs.phone")}</dt>
            <dd>{[organisation.phone, ...organisation.extraPhones].filter(Boolean).join(", ") || "—"}</dd>
            <dt>{t("orgs.address")}</dt>
            <dd>{organisation.address ?? "—"}</dd>
            <dt>{t("orgs.plan")}</dt>
            <dd>{organisation.planUntil ? t("planShop.planUntil", { plan: plan?.name ?? "—", date: date(organisation.planUntil) }) : (plan?.name ?? "—")}</dd>
          </dl>
        </section>
      )}
      <h2>{t("orgs.contacts")}</h2>
      {contacts.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("common.email")}</th>
                <th scope="col">{t("team.jobTitle")}</th>
                <th scope="col">{t("common.status")}</th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <td>
                    {c.name} {c.isPrimaryContact ? <span className="badge ok">{t("team.primary")}</span> : null}
                  </td>
                  <td>
                    {c.email} {c.bouncing ? <span className="badge warn">{t("mail.bouncing.badge")}</span> : null}
                  </td>
                  <td>{c.jobTitle ?? "—"}</td>
                  <td>{c.deactivatedAt ? t("common.deactivated") : c.invitationPending ? t("common.invited") : t("common.active")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
