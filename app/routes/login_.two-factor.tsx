import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { secondFactorSchema } from "~/modules/accounts/schemas";
import { completeSecondFactor } from "~/modules/accounts/sessions.server";
import { clientAddress, pendingSignInCookie, readCookieToken, redirectIfSignedIn } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { startSignedInSession } from "~/modules/accounts/sign-in.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.twofactorSignin") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request);
  if (!(await readCookieToken(pendingSignInCookie(), request))) throw redirect("/login");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(secondFactorSchema, await request.formData());
  if (!parsed.ok) {
    return data({ ok: false as const, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  }
  const pendingToken = await readCookieToken(pendingSignInCookie(), request);
  if (!pendingToken) throw redirect("/login");
  try {
    const user = await completeSecondFactor({ pendingToken, code: parsed.data.code, ipAddress: clientAddress(request) });
    return await startSignedInSession(request, user, { mustEnrolTwoFactor: false, method: "two_factor", redirectTo: parsed.data.redirectTo });
  } catch (error) {
    return handleAppError(error, parsed.values);
  }
}

export default function TwoFactorSignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  return (
    <section className="card narrow">
      <h1>{t("security.signIn.title")}</h1>
      <p>{t("security.signIn.intro")}</p>
      <AppForm method="post" schema={secondFactorSchema} result={result}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField
          label={t("security.signIn.code")}
          name="code"
          inputMode="text"
          autoComplete="one-time-code"
          required
          hint={t("security.signIn.codeHint")}
        />
        <SubmitButton>{t("security.signIn.submit")}</SubmitButton>
      </AppForm>
      <p>
        <Link to="/login">{t("security.signIn.restart")}</Link>
      </p>
    </section>
  );
}
