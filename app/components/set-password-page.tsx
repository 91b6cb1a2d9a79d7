import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { AppForm, SubmitButton } from "~/components/app-form";
import { TextField } from "~/components/forms";
import { setPasswordSchema } from "~/modules/accounts/schemas";
import { useI18n } from "~/components/i18n";

type LoaderData = { valid: boolean; name: string | null; invitation: boolean };
type ActionData = { formError: FormMessage; fieldErrors: FieldErrors } | undefined;

/** The page behind both emailed links: password reset and invitation. */
export function SetPasswordPage() {
  const { valid, name, invitation } = useLoaderData<LoaderData>();
  const result = useActionData<ActionData>();
  const { t } = useI18n();
  if (!valid) {
    return (
      <section className="card narrow">
        <h1>{t("reset.title")}</h1>
        <p className="alert alert-error">{t("reset.invalid")}</p>
        <Link to="/forgot-password">{t("reset.askAgain")}</Link>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>{invitation ? t("reset.inviteTitle") : t("reset.title")}</h1>
      {name ? <p>{name}</p> : null}
      <AppForm method="post" schema={setPasswordSchema} result={result}>
        <TextField
          label={t("reset.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t("reset.hint")}
        />
        <TextField
          label={t("reset.confirm")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
        />
        <SubmitButton>{t("reset.submit")}</SubmitButton>
      </AppForm>
    </section>
  );
}
