import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import type { MessageKey } from "~/locales/en";
import { FieldErrorText, SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { LicenceStatusBadge, Money } from "~/components/licensing";
import { createRenewalOrderByKey, lookupLicenceForRenewal, stripeEnabled } from "~/modules/billing/orders.server";
import { startCheckout } from "~/modules/billing/stripe.server";
import { renewByKeySchema } from "~/modules/licensing/schemas";
import { getUser } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.renewALicence") }];

/** Renew by key: no account needed. The key in the address shows the quote (GET form). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const key = new URL(request.url).searchParams.get("key")?.trim().slice(0, 100) ?? "";
  return {
    key,
    lookup: key ? await lookupLicenceForRenewal(key) : null,
    stripe: stripeEnabled(),
    email: user?.role === "customer" ? user.email : "",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const parsed = parseForm(renewByKeySchema, await request.formData());
  if (!parsed.ok) return data({ formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    const { order } = await createRenewalOrderByKey({ ...parsed.data, locale, createdBy: user?.id ?? null });
    if (parsed.data.method === "card") return redirect(await startCheckout(order.id));
    return redirect(`/orders/${order.id}?created=1`);
  } catch (error) {
    return handleAppError(error, parsed.values);
  }
}

const LOOKUP_ERRORS: Record<"typo" | "malformed" | "not_found", MessageKey> = {
  typo: "renew.typo",
  malformed: "renew.malformed",
  not_found: "renew.notFound",
};

export default function Renew() {
  const { key, lookup, stripe, email } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date } = useI18n();
  return (
    <>
      <h1>{t("renew.title")}</h1>
      <p className="muted">{t("renew.intro")}</p>
      <Form method="get" className="toolbar">
        <TextField
          label={t("lic.key")}
          name="key"
          defaultValue={key}
          required
          autoComplete="off"
          spellCheck={false}
          size={34}
          errors={lookup && !lookup.ok ? [t(LOOKUP_ERRORS[lookup.reason])] : undefined}
        />
        <button type="submit">{t("renew.check")}</button>
      </Form>
      {lookup?.ok ? (
        <section className="card" aria-labelledby="quote-heading">
          <h2 id="quote-heading" style={{ marginTop: 0 }}>
            {lookup.productName}
          </h2>
          <dl className="facts">
            <dt>{t("lic.key")}</dt>
            <dd>
              <code>{lookup.key}</code>
            </dd>
            <dt>{t("common.status")}</dt>
            <dd>
              <LicenceStatusBadge status={lookup.status.status} date={lookup.status.date} />
            </dd>
            {lookup.quote ? (
              <>
                <dt>{t("renew.currentEnd")}</dt>
                <dd>{lookup.supportUntil ? date(lookup.supportUntil) : t("renew.notStarted")}</dd>
                <dt>{t("renew.price")}</dt>
                <dd>
                  <strong>
                    <Money amountMinor={lookup.quote.amountMinor} currency={lookup.quote.currency} />
                  </strong>{" "}
                  <span className="muted">{t("shop.renewalPercent", { percent: lookup.quote.percentage })}</span>
                </dd>
                <dt>{t("renew.newEnd")}</dt>
                <dd>
                  {lookup.after?.supportUntil
                    ? t(lookup.after.startsFrom === "now" ? "renew.newEndFromNow" : "renew.newEndFromEnd", { date: date(lookup.after.supportUntil) })
                    : t("renew.newEndUnstarted", { months: lookup.termMonths })}
                </dd>
              </>
            ) : null}
          </dl>
          {lookup.quote ? (
            <AppForm method="post" style={{ marginTop: 16 }} schema={renewByKeySchema} result={result}>
              <input type="hidden" name="key" value={lookup.key} />
              <TextField
                label={t("renew.email")}
                name="email"
                type="email"
                autoComplete="email"
                required
                defaultValue={result?.values?.email ?? email}
                hint={t("renew.emailHint")}
              />
              <FieldErrorText name="key" />
              <SelectField label={t("shop.method")} name="method" defaultValue={result?.values?.method ?? (stripe ? "card" : "invoice")}>
                {stripe ? <option value="card">{t("shop.method.card")}</option> : null}
                <option value="invoice">{t("renew.method.invoice")}</option>
              </SelectField>
              <SubmitButton>{t("renew.submit", { months: lookup.termMonths })}</SubmitButton>
            </AppForm>
          ) : (
            <p>{lookup.free ? t("renew.free") : t("renew.revoked")}</p>
          )}
        </section>
      ) : null}
      <p>
        <Link to="/products">{t("shop.title")}</Link>
      </p>
    </>
  );
}
