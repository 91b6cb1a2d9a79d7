import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ActionResult } from "~/utils/messages";
import { ConfirmButton } from "~/components/confirm";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { Notice, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { homePathFor } from "~/modules/accounts/permissions";
import { twoFactorRequired } from "~/modules/security/policy";
import { getSecuritySettings } from "~/modules/security/settings.server";
import { groupKey } from "~/modules/security/two-factor";
import {
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startTwoFactorEnrolment,
  twoFactorStatus,
} from "~/modules/security/two-factor.server";
import { requestContext, requireSession } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.twofactorSignin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireSession(request);
  const status = await twoFactorStatus(user);
  const settings = await getSecuritySettings();
  return {
    status,
    required: twoFactorRequired(user.role, settings),
    mustEnrol: session.mustEnrolTwoFactor,
    home: homePathFor(user.role),
  };
}

const codeField = z.string({ error: "account.error.codeRequired" }).trim().min(1, { error: "account.error.codeRequired" }).max(40);
const schemas = {
  start: z.object({}),
  confirm: z.object({ code: codeField }),
  disable: z.object({ password: z.string({ error: "account.error.yourPassword" }).min(1, { error: "account.error.yourPassword" }), code: codeField }),
  regenerate: z.object({ code: codeField }),
};

type TwoFactorResult = ActionResult<{
  intent: string;
  recoveryCodes?: string[];
  disabled?: boolean;
}>;

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireSession(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (!(intent in schemas)) return data<TwoFactorResult>({ ok: false, intent, formError: "form.unknownAction", fieldErrors: {} }, { status: 400 });
  const parsed = parseForm(schemas[intent as keyof typeof schemas], form, ["password"]);
  if (!parsed.ok) return data<TwoFactorResult>({ ok: false, intent, formError: "", fieldErrors: parsed.fieldErrors }, { status: 400 });
  const values = parsed.data as { code?: string; password?: string };
  try {
    switch (intent) {
      case "start":
        await startTwoFactorEnrolment(user);
        return data<TwoFactorResult>({ ok: true, intent, formError: "", fieldErrors: {} });
      case "confirm": {
        const recoveryCodes = await confirmTwoFactorEnrolment(user, values.code!, requestContext(request));
        return data<TwoFactorResult>({ ok: true, intent, formError: "", fieldErrors: {}, recoveryCodes });
      }
      case "regenerate": {
        const recoveryCodes = await regenerateRecoveryCodes(user, values.code!);
        return data<TwoFactorResult>({ ok: true, intent, formError: "", fieldErrors: {}, recoveryCodes });
      }
      default:
        await disableTwoFactor(user, { password: values.password!, code: values.code! }, requestContext(request));
        return data<TwoFactorResult>({ ok: true, intent, formError: "", fieldErrors: {}, disabled: true });
    }
  } catch (error) {
    const failure = handleAppError(error);
    return data<TwoFactorResult>({ ...failure.data, intent }, failure.init ?? undefined);
  }
}

function RecoveryCodes({ codes, home }: { codes: string[]; home: string }) {
  const { t } = useI18n();
  return (
    <section className="card narrow" aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t("security.recovery.title")}</h2>
      <p>{t("security.recovery.intro")}</p>
      <ul className="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <Link to={home}>{t("security.recovery.done")}</Link>
      </p>
    </section>
  );
}

export default function TwoFactorPage() {
  const { status, required, mustEnrol, home } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateTime } = useI18n();
  if (result?.recoveryCodes) {
    return (
      <>
        <h1>{t("security.twoFactor.title")}</h1>
        <Notice>{result.intent === "confirm" ? t("security.twoFactor.enabled") : t("security.recovery.regenerated")}</Notice>
        <RecoveryCodes codes={result.recoveryCodes} home={home} />
      </>
    );
  }
  return (
    <>
      <h1>{t("security.twoFactor.title")}</h1>
      {mustEnrol ? <p className="alert alert-error">{t("security.twoFactor.mustEnrol")}</p> : null}
      {result?.disabled ? <Notice>{t("security.twoFactor.disabled")}</Notice> : null}
      <section className="card narrow">
        {status.state === "off" ? (
          <>
            <p>{t("security.twoFactor.intro")}</p>
            {required ? <p>{t("security.twoFactor.requiredForRole")}</p> : null}
            <AppForm method="post" intent="start" result={result}>
              <SubmitButton>{t("security.twoFactor.start")}</SubmitButton>
            </AppForm>
          </>
        ) : status.state === "pending" ? (
          <>
            <h2>{t("security.twoFactor.scanTitle")}</h2>
            <ol>
              <li>{t("security.twoFactor.step1")}</li>
              <li>{t("security.twoFactor.step2")}</li>
              <li>{t("security.twoFactor.step3")}</li>
            </ol>
            <div className="qr-code" role="img" aria-label={t("security.twoFactor.qrLabel")} dangerouslySetInnerHTML={{ __html: status.qrSvg }} />
            <p>
              {t("security.twoFactor.manualKey")} <code data-testid="totp-secret" data-secret={status.manualKey}>{groupKey(status.manualKey)}</code>
            </p>
            <AppForm method="post" intent="confirm" schema={schemas.confirm} result={result}>
              <TextField
                label={t("security.twoFactor.firstCode")}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
              />
              <SubmitButton>{t("security.twoFactor.confirm")}</SubmitButton>
            </AppForm>
          </>
        ) : (
          <>
            <p>{t("security.twoFactor.onSince", { when: dateTime(status.confirmedAt) })}</p>
            <p>{t("security.recovery.left", { count: status.recoveryCodesLeft })}</p>
            <h2>{t("security.recovery.newTitle")}</h2>
            <AppForm method="post" intent="regenerate" schema={schemas.regenerate} result={result}>
              <TextField label={t("security.signIn.code")} name="code" autoComplete="one-time-code" required />
              <SubmitButton>{t("security.recovery.regenerate")}</SubmitButton>
            </AppForm>
            <h2>{t("security.twoFactor.disableTitle")}</h2>
            {required ? <p>{t("security.twoFactor.disableRequired")}</p> : null}
            <AppForm method="post" intent="disable" schema={schemas.disable} result={result}>
              <TextField label={t("login.password")} name="password" type="password" autoComplete="current-password" required />
              <TextField label={t("security.signIn.code")} name="code" autoComplete="one-time-code" required />
              <ConfirmButton message={t("security.twoFactor.confirmDisable")}>{t("security.twoFactor.disable")}</ConfirmButton>
            </AppForm>
          </>
        )}
      </section>
    </>
  );
}
