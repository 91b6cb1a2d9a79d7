import { Form, useNavigation } from "@remix-run/react";
import type { FieldErrors, FormMessage } from "~/utils/messages";
import { toLocalDateTimeInput } from "~/modules/licensing/schemas";
import { FormError, TextAreaField, TextField } from "./forms";
import { useI18n } from "./i18n";

type Result = { formError?: FormMessage; fieldErrors?: FieldErrors; values?: Record<string, string> } | undefined;

/** A release: version, notes, publication time (in the admin's zone; empty = draft) and the package. */
export function ReleaseForm({
  result,
  defaults,
  timeZone,
  submitLabel,
}: {
  result: Result;
  defaults?: { version: string; notes: string; publishedAt: string | Date | null; fileName: string | null };
  timeZone: string;
  submitLabel: string;
}) {
  const { t } = useI18n();
  const navigation = useNavigation();
  const v = result?.values;
  return (
    <Form method="post" encType="multipart/form-data" noValidate>
      <FormError message={result?.formError} />
      <TextField label={t("lic.version")} name="version" required defaultValue={v?.version ?? defaults?.version} errors={result?.fieldErrors?.version} />
      <TextAreaField label={t("lic.notes")} name="notes" defaultValue={v?.notes ?? defaults?.notes} errors={result?.fieldErrors?.notes} />
      <TextField
        label={t("adminProd.publishedAt")}
        name="publishedAt"
        type="datetime-local"
        defaultValue={v?.publishedAt ?? toLocalDateTimeInput(defaults?.publishedAt, timeZone)}
        errors={result?.fieldErrors?.publishedAt}
        hint={t("adminProd.publishedAtHint")}
      />
      <TextField
        label={defaults?.fileName ? t("adminProd.replaceFile", { name: defaults.fileName }) : t("adminProd.file")}
        name="file"
        type="file"
        errors={result?.fieldErrors?.file}
        hint={t("adminProd.fileHint")}
      />
      <button type="submit" disabled={navigation.state !== "idle"}>
        {submitLabel}
      </button>
    </Form>
  );
}
