import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { pageTitle } from "~/utils/i18n";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { PaymentMethodFieldset, VatNote } from "~/components/billing";
import { FormError, FieldErrorText } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { formatAmount, formatMinutes } from "~/components/time/format";
import type { MessageKey } from "~/locales/en";
import { paymentMethodField } from "~/modules/licensing/schemas";
import { formatWindows, WEEKDAYS } from "~/modules/sla/calendar-form";
import { CLOCK_FIELDS } from "~/modules/sla/plan-form";
import { createPlanOrder, getPlanOffer } from "~/modules/sla/plan-sales.server";
import { PRIORITIES } from "~/modules/sla/targets";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { orderThenPay } from "~/modules/billing/buy-action.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "planShop.title") }];

const buyPlanSchema = z.object({ planId: z.string().min(1, "billing.fieldError.choosePlan"), method: paymentMethodField });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    return await getPlanOffer(user);
  } catch (error) {
    throw handleAppError(error);
  }
}

/** Creates the order and continues where billing takes payment: the invoice page, or Stripe. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  return orderThenPay(parseForm(buyPlanSchema, await request.formData()), (input) => createPlanOrder(user, input));
}

export default function PlanPage() {
  const { current, standard, onSale, vat, pending, canBuy, stripe } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale, date } = useI18n();
  const target = (minutes: number | null) => (minutes === null ? "—" : formatMinutes(t, minutes));
  const hours = (calendar: (typeof standard)["calendar"]) =>
    WEEKDAYS.filter((d) => (calendar.weekly[d] ?? []).length > 0)
      .map((d) => `${t(`calendars.weekday.${d}` as MessageKey)} ${formatWindows(calendar.weekly[d] ?? [])}`)
      .join("; ") + ` (${calendar.timeZone})`;
  return (
    <>
      <h1>{t("planShop.title")}</h1>
      <FormError message={result && !result.ok ? result.formError : null} />
      <p className="card">
        {current.planUntil ? t("planShop.currentUntil", { plan: current.name, date: date(current.planUntil) }) : t("planShop.current", { plan: current.name })}
      </p>
      {onSale.length === 0 ? <p>{t("planShop.nothingOnSale")}</p> : null}
      {onSale.map((plan) => (
        <section key={plan.id} className="card">
          <h2>{t("planShop.whatItGives", { plan: plan.name })}</h2>
          <p className="hint">{t("planShop.businessTime", { hours: hours(plan.calendar) })}</p>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t("planShop.compare", { standard: standard.name, plan: plan.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ticket.priority")}</th>
                  <th scope="col">{t("planShop.target")}</th>
                  <th scope="col">{standard.name}</th>
                  <th scope="col">{plan.name}</th>
                </tr>
              </thead>
              <tbody>
                {PRIORITIES.flatMap((priority) =>
                  CLOCK_FIELDS.map((clock) => (
                    <tr key={`${priority}.${clock}`}>
                      <th scope="row">{t(`ticket.priority.${priority}` as MessageKey)}</th>
                      <td>{t(`plans.field.${clock}` as MessageKey)}</td>
                      <td>{target(standard.targets[priority][clock])}</td>
                      <td>
                        <strong>{target(plan.targets[priority][clock])}</strong>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <p>
            {t("planShop.price", { price: formatAmount(plan.priceMinor, plan.currency, locale), months: plan.termMonths })} <VatNote mode={vat.mode} rateBasisPoints={vat.rateBasisPoints} />
          </p>
          {canBuy ? (
            <AppForm method="post" schema={buyPlanSchema} result={result} formError="none">
              <input type="hidden" name="planId" value={plan.id} />
              <p>{t(current.id === plan.id && current.planUntil ? "planShop.extendsTo" : "planShop.runsTo", { date: date(plan.untilIfBought) })}</p>
              <PaymentMethodFieldset stripe={stripe} />
              <FieldErrorText name="method" />
              <FieldErrorText name="planId" />
              <p>
                <SubmitButton>{t("planShop.buy", { plan: plan.name })}</SubmitButton>
              </p>
            </AppForm>
          ) : (
            <p className="muted">{t("planShop.billingOnly")}</p>
          )}
        </section>
      ))}
      {pending.length > 0 ? (
        <>
          <h2>{t("buy.pending")}</h2>
          <ul>
            {pending.map((o) => (
              <li key={o.id}>
                <Link to={`/orders/${o.id}`}>
                  №{o.number}: {formatAmount(o.amountMinor, o.currency, locale)}
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
