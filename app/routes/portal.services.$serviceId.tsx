import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { useState } from "react";
import { FormError, FormKeyField, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { useMoney } from "~/components/licensing";
import { serviceText } from "~/components/services/service-ui";
import { estimateMinor, localisedItem, MAX_SERVICE_QUANTITY, serviceRequestFormSchema } from "~/modules/services/catalogue";
import { getActiveService } from "~/modules/services/catalogue.server";
import { requestService } from "~/modules/services/requests.server";
import { filingFailure, filingLicences } from "~/modules/tickets/filing.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { IDEMPOTENCY_FIELD, idempotencyKeyOf, newFormKey } from "~/utils/idempotency.server";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.item.name ? `${data?.item.name} · Keydesk` : pageTitle(matches, "title.service") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    const item = await getActiveService(user, params.serviceId ?? "");
    const licences = await filingLicences(user);
    return {
      item: { id: item.id, ...localisedItem(item, user.locale), unit: item.unit, priceMinor: item.priceMinor, currency: item.currency },
      licences: licences.map((l) => ({ id: l.id, productName: l.productName, host: l.productionHost, keyEnding: l.keyEnding })),
      formKey: newFormKey(),
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

type Failure = { ok: false; formError: FormMessage; fieldErrors: FieldErrors; values: Record<string, string>; refused?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  const formData = await request.formData();
  const parsed = parseForm(serviceRequestFormSchema, formData);
  const fail = (failure: Omit<Failure, "ok" | "values">, status = 400) => data<Failure>({ ok: false, values: parsed.values, ...failure }, { status });
  if (!parsed.ok) return fail({ formError: "", fieldErrors: parsed.fieldErrors });
  try {
    const ticket = await requestService(
      user,
      params.serviceId ?? "",
      { ...parsed.data, locale: user.locale },
      new Date(),
      idempotencyKeyOf(formData.get(IDEMPOTENCY_FIELD), user.id),
    );
    return redirect(`/portal/tickets/${ticket.number}?filed=1`);
  } catch (error) {
    const failure = filingFailure(error, user.locale, user.timeZone);
    if (failure) {
      const { status, ...shown } = failure;
      return fail(shown, status);
    }
    throw handleAppError(error);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/portal/services", label: t("nav.services") }, { label: d.item.name }]);

export default function RequestService() {
  const { item, licences, formKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const money = useMoney();
  const values = result?.values ?? {};
  const [quantity, setQuantity] = useState(values.quantity ?? "1");
  const n = Number(quantity);
  const total = Number.isInteger(n) && n >= 1 && n <= MAX_SERVICE_QUANTITY ? estimateMinor(n, item.priceMinor) : null;
  return (
    <>
      <p>
        <Link to="/portal/services">← {t("services.portal.title")}</Link>
      </p>
      <h1>{t("services.portal.requestTitle", { name: item.name })}</h1>
      {item.description ? <p style={{ whiteSpace: "pre-line" }}>{item.description}</p> : null}
      {licences.length === 0 ? (
        <p className="card">{t("services.portal.noLicences")}</p>
      ) : (
        <AppForm method="post" className="card" schema={serviceRequestFormSchema} result={result} formError="none">
          <FormKeyField value={formKey} />
          <FormError message={result?.refused ?? (result?.formError ? serviceText(t, result.formError) : undefined)} />
          <SelectField label={t("services.portal.licence")} name="licenceId" required defaultValue={values.licenceId ?? (licences.length === 1 ? licences[0]!.id : "")}>
            <option value="">{t("services.portal.chooseLicence")}</option>
            {licences.map((l) => (
              <option key={l.id} value={l.id}>
                {l.productName} — {l.host ?? `…${l.keyEnding}`}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t(`services.unitName.${item.unit}`)}
            name="quantity"
            type="number"
            min={1}
            max={MAX_SERVICE_QUANTITY}
            step={1}
            required
            value={quantity}
            onChange={(e) => setQuantity(e.currentTarget.value)}
          />
          <p aria-live="polite" data-testid="estimate">
            <strong>
              {total !== null
                ? t("services.portal.estimate", {
                    quantity: t(`services.quantity.${item.unit}`, { n }),
                    price: money(item.priceMinor, item.currency),
                    total: money(total, item.currency),
                  })
                : null}
            </strong>
          </p>
          <p className="hint">{t("services.portal.estimateHint")}</p>
          <TextAreaField label={t("services.portal.details")} name="description" rows={6} required defaultValue={values.description} />
          <SubmitButton>{t("services.portal.submit")}</SubmitButton>
        </AppForm>
      )}
    </>
  );
}
