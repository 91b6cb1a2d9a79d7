import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useSearchParams } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { signInSchema } from "~/modules/accounts/schemas";
import { signIn } from "~/modules/accounts/sessions.server";
import { clientAddress, knownDeviceCookie, readCookieToken, redirectIfSignedIn } from "~/modules/accounts/auth.server";
import { respondToSignIn } from "~/modules/accounts/sign-in.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.signIn") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await redirectIfSignedIn(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(signInSchema, await request.formData());
  if (!parsed.ok) {
    return data({ ok: false as const, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  }
  try {
    const outcome = await signIn({
      email: parsed.data.email,
      password: parsed.data.password,
      ipAddress: clientAddress(request),
      deviceToken: await readCookieToken(knownDeviceCookie(), request),
    });
    return await respondToSignIn(request, outcome, parsed.data.redirectTo);
  } catch (error) {
    return handleAppError(error, parsed.values);
  }
}

export default function Login() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useI18n();
  const values = result?.values ?? {};
  return (
    <section className="card narrow">
      <h1>{t("login.title")}</h1>
      <AppForm method="post" schema={signInSchema} result={result}>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <TextField
          label={t("login.email")}
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={values.email}
        />
        <TextField
          label={t("login.password")}
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <SubmitButton>{t("login.submit")}</SubmitButton>
      </AppForm>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
    </section>
  );
}
