import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { FieldErrors } from "~/utils/messages";
import { useActionData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { changePasswordSchema } from "~/modules/accounts/schemas";
import { changePassword } from "~/modules/accounts/sessions.server";
import { requestContext, requireSession } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.changePassword") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireSession(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireSession(request);
  // Passwords are never echoed back into the form.
  const parsed = parseForm(changePasswordSchema, await request.formData(), ["currentPassword", "password", "confirmPassword"]);
  if (!parsed.ok) return data({ ok: false as const, formError: "", fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    await changePassword(user, session.id, parsed.data, requestContext(request));
    return { ok: true as const, formError: "", fieldErrors: {} as FieldErrors };
  } catch (error) {
    const failure = handleAppError(error);
    return data({ ok: false as const, formError: failure.data.formError, fieldErrors: failure.data.fieldErrors }, failure.init ?? undefined);
  }
}

export default function ChangePassword() {
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <section className="card narrow">
      <h1>{t("security.password.title")}</h1>
      {result?.ok ? <Notice>{t("security.password.changed")}</Notice> : <p>{t("security.password.intro")}</p>}
      <AppForm method="post" schema={changePasswordSchema} result={result}>
        <TextField label={t("security.password.current")} name="currentPassword" type="password" autoComplete="current-password" required />
        <TextField label={t("reset.password")} name="password" type="password" autoComplete="new-password" required hint={t("reset.hint")} />
        <TextField label={t("reset.confirm")} name="confirmPassword" type="password" autoComplete="new-password" required />
        <SubmitButton>{t("security.password.submit")}</SubmitButton>
      </AppForm>
    </section>
  );
}
