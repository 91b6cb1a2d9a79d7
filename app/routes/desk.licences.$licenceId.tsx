import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors, ActionResult } from "~/utils/messages";
import { ConfirmButton } from "~/components/confirm";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import type { MessageKey } from "~/locales/en";
import { FormError, Notice, TextAreaField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { ActivationsTable, CopyableKey, LicenceStatusBadge, SupportLedgerTable } from "~/components/licensing";
import { can } from "~/modules/accounts/permissions";
import {
  clearSourceModified,
  extendSupport,
  flagSourceModified,
  getLicenceDetail,
  readableLicenceHistory,
  restoreLicence,
  revokeLicence,
  suspendLicence,
  verifyPlatformLicence,
} from "~/modules/licensing/licences.server";
import { endOfLocalDay, extendSchema, platformExpirySchema, sourceFlagSchema, staffReasonSchema, toLocalDateInput } from "~/modules/licensing/schemas";
import { requirePermission } from "~/modules/accounts/auth.server";
import { resolveLocale } from "~/utils/locale.server";
import { AuditTable } from "~/components/audit";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.product.name ? `${data?.product.name} · Keydesk` : pageTitle(matches, "title.licence") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:licence:any");
  try {
    const id = params.licenceId ?? "";
    const locale = await resolveLocale(request, user);
    const [detail, history] = await Promise.all([getLicenceDetail(user, id), readableLicenceHistory(user, id, locale)]);
    return {
      ...detail,
      history,
      canUpdate: can(user, "update:licence:any"),
      canExtend: can(user, "update:licence:any") || can(user, "apply:remedy:any"),
      timeZone: user.timeZone,
    };
  } catch (error) {
    throw handleAppError(error);
  }
}

type Result = ActionResult<{ notice?: MessageKey; intent: string }>;

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:licence:any");
  const id = params.licenceId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  const done = () => data<Result>({ ok: true, notice: "common.saved", formError: "", fieldErrors: {}, intent });
  const fail = (fieldErrors: FieldErrors, values: Record<string, string>) => data<Result>({ ok: false, formError: "", fieldErrors, values, intent }, { status: 400 });
  try {
    switch (intent) {
      case "flag": {
        const parsed = parseForm(sourceFlagSchema, form);
        if (!parsed.ok) return fail(parsed.fieldErrors, parsed.values);
        await flagSourceModified(user, id, parsed.data.note);
        return done();
      }
      case "clear-flag":
      case "suspend":
      case "restore":
      case "revoke": {
        const parsed = parseForm(staffReasonSchema, form);
        if (!parsed.ok) return fail(parsed.fieldErrors, parsed.values);
        const run = { "clear-flag": clearSourceModified, suspend: suspendLicence, restore: restoreLicence, revoke: revokeLicence }[intent];
        await run(user, id, parsed.data.reason);
        return done();
      }
      case "verify-platform": {
        const parsed = parseForm(platformExpirySchema, form);
        if (!parsed.ok) return fail(parsed.fieldErrors, parsed.values);
        await verifyPlatformLicence(user, id, endOfLocalDay(parsed.data.expiresOn, user.timeZone));
        return done();
      }
      case "extend": {
        const parsed = parseForm(extendSchema, form);
        if (!parsed.ok) return fail(parsed.fieldErrors, parsed.values);
        await extendSupport(user, id, parsed.data.days, parsed.data.reason);
        return done();
      }
      default:
        return data<Result>({ ok: false, formError: "form.unknownAction", fieldErrors: {}, intent }, { status: 400 });
    }
  } catch (error) {
    const failure = handleAppError(error, Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>);
    return data<Result>({ ...failure.data, intent }, failure.init ?? undefined);
  }
}

/** The page shows the forms' errors above them all (`formError="none"`). */
function ReasonForm({ intent, label, button, danger, result }: { intent: string; label: string; button: string; danger?: boolean; result: Result | undefined }) {
  const mine = result && !result.ok && result.intent === intent ? result : undefined;
  return (
    <AppForm method="post" className="card" schema={staffReasonSchema} result={result} intent={intent} formError="none">
      <TextField label={label} name="reason" required defaultValue={mine?.values?.reason} />
      <SubmitButton className={danger ? "danger" : undefined}>{button}</SubmitButton>
    </AppForm>
  );
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/desk/licences", label: t("nav.licences") }, { label: d.organisation ? `${d.product.name} · ${d.organisation.name}` : d.product.name }]);

export default function DeskLicence() {
  const { licence, organisation, product, activations, ledger, releases, history, canUpdate, canExtend, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const { t, date, dateTime } = useI18n();
  const mine = (intent: string) => (result && !result.ok && result.intent === intent ? result : undefined);
  return (
    <>
      <p>
        <Link to="/desk/licences">← {t("deskLic.title")}</Link>
      </p>
      <h1>
        {product.name} · {organisation ? <Link to={`/desk/organisations/${organisation.id}`}>{organisation.name}</Link> : null}
      </h1>
      <p>
        <LicenceStatusBadge status={licence.status} date={licence.date} />
      </p>
      {result?.ok && result.notice ? <Notice>{t(result.notice)}</Notice> : null}
      {result && !result.ok ? <FormError message={result.formError} /> : null}
      <section className="card">
        <CopyableKey value={licence.key} />
        <dl className="facts" style={{ marginTop: 12 }}>
          <dt>{t("lic.site")}</dt>
          <dd>{licence.productionHost ?? "—"}</dd>
          <dt>{t("deskLic.firstActivated")}</dt>
          <dd>{dateTime(licence.firstActivatedAt)}</dd>
          <dt>{t("deskLic.supportUntil")}</dt>
          <dd>{product.free ? t("shop.free") : dateTime(licence.supportUntil)}</dd>
          {product.requiredPlatform ? (
            <>
              <dt>{t("lic.platform", { platform: product.requiredPlatform })}</dt>
              <dd>
                {licence.platformLicenceExpiresAt ? t("lic.platformExpires", { date: date(licence.platformLicenceExpiresAt) }) : t("lic.platformUnknown")}{" "}
                {licence.platformLicenceVerifiedAt ? <span className="badge ok">{t("lic.platformVerified", { date: date(licence.platformLicenceVerifiedAt) })}</span> : <span className="badge warn">{t("deskLic.notVerified")}</span>}
              </dd>
            </>
          ) : null}
          <dt>{t("deskLic.sourceModified")}</dt>
          <dd>
            {licence.sourceModified ? `${t("deskLic.yes")}: ${licence.sourceModifiedNote ?? ""}` : t("deskLic.no")}
            {licence.sourceCheckRequestedAt ? ` · ${t("lic.sourceCheckRequestedOn", { date: dateTime(licence.sourceCheckRequestedAt) })}` : null}
          </dd>
        </dl>
      </section>

      {canUpdate || canExtend ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("common.actions")}</h2>
          <div className="grid-2">
            {canUpdate && !licence.sourceModified ? (
              <AppForm method="post" className="card" schema={sourceFlagSchema} result={result} intent="flag" formError="none">
                <TextAreaField label={t("deskLic.flagNote")} name="note" required defaultValue={mine("flag")?.values?.note} />
                <ConfirmButton message={t("deskLic.flagConfirm")}>{t("deskLic.flag")}</ConfirmButton>
              </AppForm>
            ) : null}
            {canUpdate && licence.sourceModified ? <ReasonForm intent="clear-flag" label={t("deskLic.clearNote")} button={t("deskLic.clearFlag")} result={result} /> : null}
            {canUpdate && product.requiredPlatform ? (
              <AppForm method="post" className="card" schema={platformExpirySchema} result={result} intent="verify-platform" formError="none">
                <TextField
                  label={t("lic.platformExpiry", { platform: product.requiredPlatform })}
                  name="expiresOn"
                  type="date"
                  required
                  defaultValue={mine("verify-platform")?.values?.expiresOn ?? toLocalDateInput(licence.platformLicenceExpiresAt, timeZone)}
                />
                <SubmitButton>{t("deskLic.verifyPlatform")}</SubmitButton>
              </AppForm>
            ) : null}
            {canExtend && !product.free ? (
              <AppForm method="post" className="card" schema={extendSchema} result={result} intent="extend" formError="none">
                <TextField label={t("deskLic.days")} name="days" type="number" min={1} max={3650} required defaultValue={mine("extend")?.values?.days} />
                <TextField label={t("deskLic.reason")} name="reason" required defaultValue={mine("extend")?.values?.reason} />
                <SubmitButton>{t("deskLic.extend")}</SubmitButton>
              </AppForm>
            ) : null}
            {canUpdate && licence.status !== "suspended" && licence.status !== "revoked" ? <ReasonForm intent="suspend" label={t("deskLic.reason")} button={t("deskLic.suspend")} result={result} /> : null}
            {canUpdate && (licence.status === "suspended" || licence.status === "revoked") ? <ReasonForm intent="restore" label={t("deskLic.reason")} button={t("deskLic.restore")} result={result} /> : null}
            {canUpdate && licence.status !== "revoked" ? <ReasonForm intent="revoke" label={t("deskLic.reason")} button={t("deskLic.revoke")} danger result={result} /> : null}
          </div>
        </section>
      ) : null}

      <h2>{t("lic.activations")}</h2>
      {activations.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ActivationsTable activations={activations} />
      )}

      <h2>{t("lic.ledger")}</h2>
      <SupportLedgerTable ledger={ledger} />

      <h2>{t("lic.releases")}</h2>
      <ul>
        {releases.map((r) => (
          <li key={r.id} className={r.entitled ? undefined : "locked"}>
            {r.version} — {date(r.publishedAt)} {r.entitled ? "" : `(${t("deskLic.notEntitled")})`}
          </li>
        ))}
      </ul>

      <h2>{t("deskLic.history")}</h2>
      {history.entries.length === 0 ? <p className="muted">{t("common.empty")}</p> : <AuditTable entries={history.entries} refs={history.refs} />}
    </>
  );
}
