import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { FormError, TextField } from "~/components/forms";
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
      <FormError message={result?.formError} />
      <Form method="post" noValidate>
        <TextField
          label={t("reset.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          hint={t("reset.hint")}
          errors={result?.fieldErrors.password}
        />
        <TextField
          label={t("reset.confirm")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          errors={result?.fieldErrors.confirmPassword}
        />
        <button type="submit">{t("reset.submit")}</button>
      </Form>
    </section>
  );
}
