import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { getBillingDetails, saveBillingDetails } from "~/modules/billing/portal.server";
import { billingDetailsSchema } from "~/modules/billing/schemas";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.billingDetails") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    return { details: await getBillingDetails(user) };
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  const parsed = parseForm(billingDetailsSchema, await request.formData());
  if (!parsed.ok) return data({ ok: false as const, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    await saveBillingDetails(user, parsed.data);
    return { ok: true as const, formError: "", fieldErrors: {} as Record<string, string[]>, values: parsed.values };
  } catch (error) {
    return handleAppError(error);
  }
}

const FIELDS = ["legalName", "taxId", "kpp", "legalAddress", "bankName", "bankAccount", "bankCode", "correspondentAccount"] as const;

export default function BillingDetails() {
  const { details } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const value = (name: (typeof FIELDS)[number]) => (result && "values" in result ? result.values?.[name] : undefined) ?? details?.[name] ?? "";
  return (
    <>
      <h1>{t("billing.details.title")}</h1>
      <p className="muted">{t("billing.details.intro")}</p>
      {result?.ok ? <Notice>{t("common.saved")}</Notice> : null}
      <AppForm method="post" className="card" schema={billingDetailsSchema} result={result}>
        {FIELDS.map((name) => (
          <TextField
            key={name}
            label={t(`billing.details.${name}`)}
            name={name}
            required={name === "legalName"}
            defaultValue={value(name)}
          />
        ))}
        <SubmitButton>{t("billing.details.save")}</SubmitButton>
      </AppForm>
      <p>
        <Link to="/portal/billing">{t("billing.title")}</Link>
      </p>
    </>
  );
}
