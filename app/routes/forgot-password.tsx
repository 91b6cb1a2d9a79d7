import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { forgotPasswordSchema } from "~/modules/accounts/schemas";
import { requestPasswordReset } from "~/modules/accounts/sessions.server";
import { clientAddress } from "~/modules/accounts/auth.server";
import { AppError, statusOf } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import type { FieldErrors } from "~/utils/messages";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.resetYourPassword") }];

export async function action({ request }: ActionFunctionArgs) {
  const parsed = parseForm(forgotPasswordSchema, await request.formData());
  if (!parsed.ok) return data({ sent: false, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    await requestPasswordReset({ email: parsed.data.email, ipAddress: clientAddress(request) });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const headers = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : undefined;
    return data({ sent: false, formError: error.userMessage, fieldErrors: {} as FieldErrors, values: parsed.values }, { status: statusOf(error), headers });
  }
  // The same on both paths: the job looks the address up and sends the link if it has a login.
  return { sent: true, formError: "", fieldErrors: {} as Record<string, string[]>, values: parsed.values };
}

export default function ForgotPassword() {
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <section className="card narrow">
      <h1>{t("forgot.title")}</h1>
      {result?.sent ? <Notice>{t("forgot.sent")}</Notice> : <p>{t("forgot.intro")}</p>}
      <AppForm method="post" schema={forgotPasswordSchema} result={result}>
        <TextField
          label={t("login.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={result?.values.email}
        />
        <SubmitButton>{t("forgot.submit")}</SubmitButton>
      </AppForm>
    </section>
  );
}
