import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { Money } from "~/components/licensing";
import { PublishedReviews } from "~/components/quality/published-reviews";
import { createNewLicenceOrder, stripeEnabled } from "~/modules/billing/orders.server";
import { startCheckout } from "~/modules/billing/stripe.server";
import { getCatalogueProduct } from "~/modules/licensing/products.server";
import { publishedReviewsForProduct } from "~/modules/reviews/reviews.server";
import { buySchema, customerBuySchema } from "~/modules/licensing/schemas";
import { getUser } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { resolveLocale } from "~/utils/locale.server";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.product.name ? `${data?.product.name} · Keydesk` : pageTitle(matches, "title.product") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  try {
    const { product, renewal, terms, releases } = await getCatalogueProduct(params.slug ?? "");
    return {
      product: {
        id: product.id,
        name: product.name,
        slug: product.slug,
        description: product.description,
        listPriceMinor: product.listPriceMinor,
        currency: product.currency,
        free: product.free,
        requiredPlatform: product.requiredPlatform,
      },
      renewal,
      terms,
      releases,
      reviews: await publishedReviewsForProduct(product.id),
      stripe: stripeEnabled(),
      buyer: user ? { role: user.role, email: user.email, name: user.name } : null,
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const form = await request.formData();
  if (user?.role === "customer") {
    // A signed-in contact buys for their own organisation, as themselves.
    form.set("email", user.email);
    form.set("name", user.name);
    form.set("organisationName", form.get("organisationName") || "—");
  }
  const parsed = parseForm(buySchema, form);
  if (!parsed.ok) return data({ formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    const { product } = await getCatalogueProduct(params.slug ?? "");
    const { order, fulfilled } = await createNewLicenceOrder(user ? { ...user } : null, { ...parsed.data, productId: product.id, locale });
    if (!fulfilled && parsed.data.method === "card") return redirect(await startCheckout(order.id));
    return redirect(`/orders/${order.id}?created=1`);
  } catch (error) {
    return handleAppError(error, parsed.values);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/products", label: t("nav.catalogue") }, { label: d.product.name }]);

export default function ProductPage() {
  const { product, renewal, terms, releases, reviews, stripe, buyer } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date } = useI18n();
  const isCustomer = buyer?.role === "customer";
  const isStaff = buyer && !isCustomer;
  return (
    <>
      <p>
        <Link to="/products">← {t("shop.title")}</Link>
      </p>
      <h1>{product.name}</h1>
      <div className="grid-2">
        <section className="card">
          <h2 style={{ marginTop: 0 }}>{t("shop.price")}</h2>
          <p className="price">{product.free ? t("shop.free") : <Money amountMinor={product.listPriceMinor} currency={product.currency} />}</p>
          {renewal ? (
            <p>
              {t("shop.renewalLine", { product: product.name })} <strong><Money amountMinor={renewal.amountMinor} currency={renewal.currency} /></strong>
              {" — "}
              {t("shop.renewalPercent", { percent: renewal.percentage })}
            </p>
          ) : null}
          <h3>{t("shop.includes")}</h3>
          <ul>
            {product.free ? (
              <>
                <li>{t("shop.includes.freeUpdates")}</li>
                <li>{t("shop.includes.freeBugs")}</li>
              </>
            ) : (
              <>
                <li>{t("shop.includes.site")}</li>
                <li>{t("shop.includes.dev")}</li>
                <li>{t("shop.includes.year", { months: terms.months })}</li>
                <li>{t("shop.includes.keepsWorking")}</li>
                <li>{t("shop.includes.renewal", { months: terms.months, percent: terms.renewalPercent })}</li>
              </>
            )}
            {product.requiredPlatform ? <li>{t("shop.requiresPlatform", { platform: product.requiredPlatform })}</li> : null}
          </ul>
        </section>
        <section className="card" aria-labelledby="buy-heading">
          <h2 id="buy-heading" style={{ marginTop: 0 }}>
            {product.free ? t("shop.getFree") : t("shop.buy")}
          </h2>
          {isStaff ? (
            <p className="muted">{t("shop.staffCannotBuy")}</p>
          ) : (
            <AppForm method="post" schema={isCustomer ? customerBuySchema : buySchema} result={result}>
              {isCustomer ? (
                <p>{t("shop.buyingAs", { name: buyer.name, email: buyer.email })}</p>
              ) : (
                <>
                  <TextField label={t("common.email")} name="email" type="email" autoComplete="email" required defaultValue={result?.values?.email} hint={t("shop.emailHint")} />
                  <TextField label={t("common.name")} name="name" autoComplete="name" required defaultValue={result?.values?.name} />
                  <TextField label={t("shop.organisation")} name="organisationName" autoComplete="organization" required defaultValue={result?.values?.organisationName} />
                </>
              )}
              {product.free ? (
                <input type="hidden" name="method" value="invoice" />
              ) : (
                <SelectField label={t("shop.method")} name="method" defaultValue={result?.values?.method ?? (stripe ? "card" : "invoice")}>
                  {stripe ? <option value="card">{t("shop.method.card")}</option> : null}
                  <option value="invoice">{t("shop.method.invoice")}</option>
                </SelectField>
              )}
              {!product.free ? <p className="hint">{t("shop.beforePay")}</p> : null}
              <SubmitButton>{product.free ? t("shop.getFree") : t("shop.placeOrder")}</SubmitButton>
            </AppForm>
          )}
        </section>
      </div>
      {product.description ? (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>{t("shop.about")}</h2>
          {product.description.split(/\n{2,}/).map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        </section>
      ) : null}
      {releases.length ? (
        <section className="card">
          <h2 style={{ marginTop: 0 }}>{t("shop.releases")}</h2>
          <ul>
            {releases.map((r) => (
              <li key={r.version}>
                <strong>{r.version}</strong> — {date(r.publishedAt)} {r.notes ? <span className="muted">· {r.notes.split("\n")[0]}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {/* reviews: quality module */}
      <PublishedReviews data={reviews} />
      <div id="reviews" />
    </>
  );
}
