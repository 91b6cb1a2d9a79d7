import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, Notice, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { securitySettingsFormSchema } from "~/modules/security/policy";
import { getSecuritySettings, updateSecuritySettings } from "~/modules/security/settings.server";
import { requirePermission } from "~/utils/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = () => [{ title: "Administration · Keydesk" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:settings:any");
  return { security: await getSecuritySettings() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:settings:any");
  const parsed = parseForm(securitySettingsFormSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false as const, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    await updateSecuritySettings(user, parsed.data);
    return { ok: true as const, formError: "", fieldErrors: {} as Record<string, string[]>, values: parsed.values };
  } catch (error) {
    return handleAppError(error, parsed.values);
  }
}

function SecuritySettingsForm() {
  const { security } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const values = result && !result.ok ? (result.values ?? {}) : {};
  const fieldErrors = result && !result.ok ? result.fieldErrors : {};
  return (
    <section className="card" aria-labelledby="security-settings">
      <h2 id="security-settings">{t("security.settings.title")}</h2>
      {security.turnedOffByDemoData && !security.requireTwoFactorForStaff ? (
        <p className="alert alert-error">{t("security.settings.demoOff")}</p>
      ) : null}
      {result?.ok ? <Notice>{t("common.saved")}</Notice> : <FormError message={result?.formError} />}
      <Form method="post" noValidate>
        <div className="field">
          <label>
            <input type="checkbox" name="requireTwoFactorForStaff" defaultChecked={security.requireTwoFactorForStaff} />{" "}
            {t("security.settings.requireTwoFactor")}
          </label>
        </div>
        <TextField
          label={t("security.settings.staffIdleHours")}
          name="staffIdleHours"
          inputMode="decimal"
          defaultValue={values.staffIdleHours ?? String(security.staffIdleHours)}
          errors={fieldErrors.staffIdleHours}
        />
        <TextField
          label={t("security.settings.customerIdleDays")}
          name="customerIdleDays"
          inputMode="decimal"
          defaultValue={values.customerIdleDays ?? String(security.customerIdleDays)}
          errors={fieldErrors.customerIdleDays}
        />
        <TextField
          label={t("security.settings.absoluteLifetimeDays")}
          name="absoluteLifetimeDays"
          inputMode="decimal"
          defaultValue={values.absoluteLifetimeDays ?? String(security.absoluteLifetimeDays)}
          errors={fieldErrors.absoluteLifetimeDays}
        />
        <button type="submit">{t("common.save")}</button>
      </Form>
    </section>
  );
}

export default function AdminHome() {
  const { t } = useI18n();
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <div className="grid-2">
        <section className="card">
          <h2>{t("users.title")}</h2>
          <Link to="/admin/users">{t("users.invite")}</Link>
        </section>
        <section className="card">
          <h2>{t("audit.title")}</h2>
          <Link to="/admin/audit">{t("nav.audit")}</Link>
        </section>
        <section className="card">
          <h2>{t("outbox.title")}</h2>
          <Link to="/desk/outbox">{t("nav.outbox")}</Link>
        </section>
        <section className="card">
          <h2>{t("mail.title")}</h2>
          <Link to="/admin/mail">{t("nav.mail")}</Link>
        </section>
        <section className="card">
          <h2>{t("orgs.title")}</h2>
          <Link to="/desk/organisations">{t("nav.organisations")}</Link>
        </section>
      </div>
      <SecuritySettingsForm />
    </>
  );
}
