import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import type { MessageKey } from "~/locales/en";
import { FormError, Notice, SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { ActivationsTable, CopyableKey, LicenceStatusBadge, Money, SupportLedgerTable } from "~/components/licensing";
import { createRenewalOrder, stripeEnabled } from "~/modules/billing/orders.server";
import { startCheckout } from "~/modules/billing/stripe.server";
import { activateLicence, getLicenceDetail, requestSourceCheck, setPlatformLicenceExpiry } from "~/modules/licensing/licences.server";
import { activationSchema, endOfLocalDay, paymentMethodField, platformExpirySchema, toLocalDateInput } from "~/modules/licensing/schemas";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.product.name ? `${data?.product.name} · Keydesk` : pageTitle(matches, "title.licence") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  try {
    return { ...(await getLicenceDetail(user, params.licenceId ?? "")), stripe: stripeEnabled(), timeZone: user.timeZone };
  } catch (error) {
    throw handleAppError(error);
  }
}

type ActionResult = { ok: boolean; notice?: MessageKey; noticeParams?: Record<string, string | number>; formError: FormMessage; fieldErrors: FieldErrors; values?: Record<string, string>; intent?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  const licenceId = params.licenceId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const fail = (fieldErrors: FieldErrors, values: Record<string, string>) =>
    data<ActionResult>({ ok: false, formError: "", fieldErrors, values, intent }, { status: 400 });
  try {
    if (intent === "activate") {
      const parsed = parseForm(activationSchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors, parsed.values);
      const outcome = await activateLicence(user, licenceId, parsed.data.host);
      const notice: MessageKey =
        outcome.kind === "development" ? "lic.activated.dev" : outcome.kind === "same_host" ? "lic.activated.same" : outcome.kind === "move" ? "lic.activated.move" : "lic.activated.first";
      return data<ActionResult>({ ok: true, notice, noticeParams: { host: outcome.host }, formError: "", fieldErrors: {}, intent });
    }
    if (intent === "platform") {
      const parsed = parseForm(platformExpirySchema, form);
      if (!parsed.ok) return fail(parsed.fieldErrors, parsed.values);
      await setPlatformLicenceExpiry(user, licenceId, endOfLocalDay(parsed.data.expiresOn, user.timeZone));
      return data<ActionResult>({ ok: true, notice: "common.saved", formError: "", fieldErrors: {}, intent });
    }
    if (intent === "source-check") {
      await requestSourceCheck(user, licenceId);
      return data<ActionResult>({ ok: true, notice: "lic.sourceCheckRequested", formError: "", fieldErrors: {}, intent });
    }
    if (intent === "renew") {
      const method = paymentMethodField.safeParse(form.get("method"));
      if (!method.success) return fail({ method: ["licensing.error.paymentMethod"] }, {});
      const { order } = await createRenewalOrder(user, licenceId, method.data);
      if (method.data === "card") return redirect(await startCheckout(order.id));
      return redirect(`/orders/${order.id}?created=1`);
    }
    return data<ActionResult>({ ok: false, formError: "form.unknownAction", fieldErrors: {}, intent }, { status: 400 });
  } catch (error) {
    const failure = handleAppError(error);
    return data<ActionResult>({ ...failure.data, intent }, failure.init ?? undefined);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/portal/licences", label: t("nav.licences") }, { label: d.product.name }]);

export default function PortalLicence() {
  const { licence, product, activations, moves, ledger, releases, renewal, stripe, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date, dateTime } = useI18n();
  const failedValues = (intent: string) => (result && !result.ok && result.intent === intent ? result.values : undefined);
  return (
    <>
      <h1>{product.name}</h1>
      <p>
        <LicenceStatusBadge status={licence.status} date={licence.date} />
      </p>
      {licence.firstActivatedAt && !licence.revokedAt ? (
        <p>
          <Link className="button secondary" to={`/portal/reviews/${product.slug}`}>
            {t("offers.review", { product: product.name })}
          </Link>
        </p>
      ) : null}
      {result?.ok && result.notice ? <Notice>{t(result.notice, result.noticeParams)}</Notice> : null}
      {result && !result.ok && result.formError ? <FormError message={result.formError} /> : null}

      {licence.status === "source_modified" ? (
        <div className="alert alert-error" role="note">
          <p style={{ marginTop: 0 }}>{t("lic.sourceModified.explain")}</p>
          {licence.sourceModifiedNote ? <p>{licence.sourceModifiedNote}</p> : null}
          {licence.sourceCheckRequestedAt ? (
            <p>{t("lic.sourceCheckRequestedOn", { date: dateTime(licence.sourceCheckRequestedAt) })}</p>
          ) : (
            <AppForm method="post" intent="source-check" result={result} formError="none">
              <SubmitButton>{t("lic.requestSourceCheck")}</SubmitButton>
            </AppForm>
          )}
        </div>
      ) : null}
      {licence.status === "suspended" ? <div className="alert alert-warn">{t("lic.suspended.explain")}</div> : null}
      {licence.status === "revoked" ? <div className="alert alert-error">{t("lic.revoked.explain")}</div> : null}

      <section className="card">
        <h2 style={{ marginTop: 0 }}>{t("lic.key")}</h2>
        <CopyableKey value={licence.key} />
        <p className="hint">{t("lic.keyHint")}</p>
      </section>

      <section className="card" aria-labelledby="activation-heading">
        <h2 id="activation-heading" style={{ marginTop: 0 }}>
          {t("lic.activation")}
        </h2>
        <p>
          {licence.productionHost ? t("lic.boundTo", { host: licence.productionHost }) : t("lic.notBound")}
          {licence.firstActivatedAt ? ` ${t("lic.firstActivated", { date: date(licence.firstActivatedAt) })}` : null}
        </p>
        <p>{t("lic.movesLeft", { left: moves.left, limit: moves.limit })}</p>
        {moves.nextAvailableAt ? <p>{t("lic.nextMove", { date: date(moves.nextAvailableAt) })}</p> : null}
        {licence.status !== "revoked" && licence.status !== "suspended" ? (
          <AppForm method="post" className="toolbar" intent="activate" schema={activationSchema} result={result} formError="none">
            <TextField
              label={t("lic.host")}
              name="host"
              required
              placeholder="shop.example.com"
              defaultValue={failedValues("activate")?.host}
              hint={t("lic.hostHint")}
            />
            <SubmitButton>{t("lic.activate")}</SubmitButton>
          </AppForm>
        ) : null}
        {activations.length ? (
          <ActivationsTable activations={activations} caption={t("lic.activations")} />
        ) : null}
      </section>

      {product.requiredPlatform ? (
        <section className="card" aria-labelledby="platform-heading">
          <h2 id="platform-heading" style={{ marginTop: 0 }}>
            {t("lic.platform", { platform: product.requiredPlatform })}
          </h2>
          <p>
            {licence.platformLicenceExpiresAt ? t("lic.platformExpires", { date: date(licence.platformLicenceExpiresAt) }) : t("lic.platformUnknown")}{" "}
            {licence.platformLicenceVerifiedAt ? <span className="badge ok">{t("lic.platformVerified", { date: date(licence.platformLicenceVerifiedAt) })}</span> : null}
          </p>
          <AppForm method="post" className="toolbar" intent="platform" schema={platformExpirySchema} result={result} formError="none">
            <TextField
              label={t("lic.platformExpiry", { platform: product.requiredPlatform })}
              name="expiresOn"
              type="date"
              required
              defaultValue={failedValues("platform")?.expiresOn ?? toLocalDateInput(licence.platformLicenceExpiresAt, timeZone)}
            />
            <SubmitButton>{t("common.save")}</SubmitButton>
          </AppForm>
        </section>
      ) : null}

      {!product.free ? (
        <section className="card" aria-labelledby="ledger-heading">
          <h2 id="ledger-heading" style={{ marginTop: 0 }}>
            {t("lic.ledger")}
          </h2>
          <p>
            {!licence.supportUntil
              ? t("lic.termNotStarted")
              : licence.status === "expired"
                ? t("lic.supportEnded", { date: date(licence.supportUntil) })
                : t("lic.supportUntil", { date: date(licence.supportUntil) })}
          </p>
          <SupportLedgerTable ledger={ledger} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="releases-heading">
        <h2 id="releases-heading" style={{ marginTop: 0 }}>
          {t("lic.releases")}
        </h2>
        {releases.length === 0 ? (
          <p>{t("common.empty")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("lic.version")}</th>
                  <th scope="col">{t("lic.published")}</th>
                  <th scope="col">{t("lic.notes")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {releases.map((r) => (
                  <tr key={r.id} className={r.entitled ? undefined : "locked"}>
                    <td>{r.version}</td>
                    <td>{date(r.publishedAt)}</td>
                    <td>{r.notes.split("\n")[0]}</td>
                    <td>
                      {!r.entitled ? (
                        <span>
                          <span aria-hidden="true">⊘ </span>
                          {t("lic.lockedRenew")}
                        </span>
                      ) : r.hasFile && licence.status !== "revoked" && licence.status !== "suspended" ? (
                        <a href={`/portal/licences/${licence.id}/releases/${r.id}/download`} download>
                          {t("lic.downloadVersion", { version: r.version })}
                        </a>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {renewal ? (
        <section className="card" aria-labelledby="renew-heading">
          <h2 id="renew-heading" style={{ marginTop: 0 }}>
            {t("lic.renew")}
          </h2>
          <p>
            {t("shop.renewalLine", { product: product.name })}{" "}
            <strong>
              <Money amountMinor={renewal.quote.amountMinor} currency={renewal.quote.currency} />
            </strong>{" "}
            — {t("shop.renewalPercent", { percent: renewal.quote.percentage })}
          </p>
          <p>
            {renewal.supportUntil
              ? t(renewal.startsFrom === "now" ? "renew.newEndFromNow" : "renew.newEndFromEnd", { date: date(renewal.supportUntil) })
              : t("renew.newEndUnstarted", { months: renewal.termMonths })}
          </p>
          <AppForm method="post" className="toolbar" intent="renew" result={result} formError="none">
            <SelectField label={t("shop.method")} name="method" defaultValue={stripe ? "card" : "invoice"}>
              {stripe ? <option value="card">{t("shop.method.card")}</option> : null}
              <option value="invoice">{t("shop.method.invoice")}</option>
            </SelectField>
            <SubmitButton>{t("lic.renewButton", { months: renewal.termMonths })}</SubmitButton>
          </AppForm>
        </section>
      ) : null}
    </>
  );
}
