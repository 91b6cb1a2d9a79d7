import { AppForm, SubmitButton, type FormResult } from "~/components/app-form";
import { releaseFormSchema, toLocalDateTimeInput } from "~/modules/licensing/schemas";
import { TextAreaField, TextField } from "./forms";
import { useI18n } from "./i18n";

/** A release: version, notes, publication time (in the admin's zone; empty = draft) and the package. */
export function ReleaseForm({
  result,
  defaults,
  timeZone,
  submitLabel,
}: {
  result: FormResult;
  defaults?: { version: string; notes: string; publishedAt: string | Date | null; fileName: string | null };
  timeZone: string;
  submitLabel: string;
}) {
  const { t } = useI18n();
  const v = result?.values;
  return (
    <AppForm method="post" encType="multipart/form-data" schema={releaseFormSchema} result={result}>
      <TextField label={t("lic.version")} name="version" required defaultValue={v?.version ?? defaults?.version} />
      <TextAreaField label={t("lic.notes")} name="notes" defaultValue={v?.notes ?? defaults?.notes} />
      <TextField
        label={t("adminProd.publishedAt")}
        name="publishedAt"
        type="datetime-local"
        defaultValue={v?.publishedAt ?? toLocalDateTimeInput(defaults?.publishedAt, timeZone)}
        hint={t("adminProd.publishedAtHint")}
      />
      <TextField
        label={defaults?.fileName ? t("adminProd.replaceFile", { name: defaults.fileName }) : t("adminProd.file")}
        name="file"
        type="file"
        hint={t("adminProd.fileHint")}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </AppForm>
  );
}
