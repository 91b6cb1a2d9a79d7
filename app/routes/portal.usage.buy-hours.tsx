import { pageTitle } from "~/utils/i18n";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { PaymentMethodFieldset } from "~/components/billing";
import { FieldErrorText } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { formatAmount, formatMinutes } from "~/components/time/format";
import { stripeEnabled } from "~/modules/billing/orders.server";
import { buyPrepaidHoursSchema } from "~/modules/time-tracking/packages";
import { createPrepaidHoursOrder, getPrepaidPackages } from "~/modules/time-tracking/purchase.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { orderThenPay } from "~/modules/billing/buy-action.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.buyPrepaidHours") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    return { ...(await getPrepaidPackages(user)), stripe: stripeEnabled() };
  } catch (error) {
    throw handleAppError(error);
  }
}

/** Creates the order and continues where billing takes payment: the invoice page, or Stripe. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  return orderThenPay(parseForm(buyPrepaidHoursSchema, await request.formData()), (input) => createPrepaidHoursOrder(user, input));
}

export default function BuyHours() {
  const { packages, hourlyRateMinor, currency, pending, stripe } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale, date } = useI18n();
  const money = (minor: number, cur = currency) => formatAmount(minor, cur, locale);
  return (
    <>
      <p>
        <Link to="/portal/usage">← {t("usage.title")}</Link>
      </p>
      <h1>{t("buy.title")}</h1>
      {packages.length === 0 ? (
        <p className="card">{t("buy.notOnSale")}</p>
      ) : (
        <>
          <p>{t("buy.intro", { rate: money(hourlyRateMinor) })}</p>
          <AppForm method="post" className="card" schema={buyPrepaidHoursSchema} result={result}>
            <fieldset className="packages" aria-describedby="hours-error">
              <legend>{t("buy.choose")}</legend>
              {packages.map((p, i) => (
                <label key={p.hours} className="card">
                  <input type="radio" name="hours" value={p.hours} defaultChecked={i === 1} /> <strong>{t("buy.package", { hours: p.hours })}</strong>
                  <br />
                  <span>
                    {t("buy.price")}: {money(p.amountMinor, p.currency)}
                  </span>
                </label>
              ))}
            </fieldset>
            <FieldErrorText name="hours" id="hours-error" />
            <PaymentMethodFieldset stripe={stripe} />
            <p>
              <SubmitButton>{t("buy.submit")}</SubmitButton>
            </p>
          </AppForm>
        </>
      )}
      {pending.length > 0 ? (
        <>
          <h2>{t("buy.pending")}</h2>
          <ul>
            {pending.map((o) => (
              <li key={o.id}>
                <Link to={`/orders/${o.id}`}>
                  №{o.number}: {formatMinutes(t, (o.hours ?? 0) * 60)} — {money(o.amountMinor, o.currency)}
                </Link>{" "}
                <span className="muted">{date(o.createdAt)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
