import { SelectField, TextAreaField, TextField } from "~/components/forms";
import type { FieldErrors } from "~/utils/messages";
import { useI18n } from "~/components/i18n";

/** The access-detail fields, in a section that says plainly how they are kept. */
export function AccessDetailsFieldset({ values, errors }: { values: Record<string, string>; errors: FieldErrors }) {
  const { t } = useI18n();
  const f = (name: string) => `access.${name}`;
  return (
    <fieldset className="secrets">
      <legend>{t("access.title")}</legend>
      <p className="hint">{t("access.explain")}</p>
      <TextField label={t("access.siteAdminUrl")} name={f("siteAdminUrl")} defaultValue={values[f("siteAdminUrl")]} errors={errors[f("siteAdminUrl")]} autoComplete="off" />
      <div className="grid-2">
        <TextField label={t("access.siteAdminLogin")} name={f("siteAdminLogin")} defaultValue={values[f("siteAdminLogin")]} errors={errors[f("siteAdminLogin")]} autoComplete="off" />
        <TextField
          label={t("access.siteAdminPassword")}
          name={f("siteAdminPassword")}
          type="password"
          defaultValue={values[f("siteAdminPassword")]}
          errors={errors[f("siteAdminPassword")]}
          autoComplete="new-password"
        />
      </div>
      <div className="grid-2">
        <TextField label={t("access.serverAddress")} name={f("serverAddress")} defaultValue={values[f("serverAddress")]} errors={errors[f("serverAddress")]} autoComplete="off" />
        <SelectField label={t("access.serverProtocol")} name={f("serverProtocol")} defaultValue={values[f("serverProtocol")] ?? ""}>
          <option value="">—</option>
          <option value="ftp">FTP</option>
          <option value="sftp">SFTP</option>
          <option value="ssh">SSH</option>
        </SelectField>
      </div>
      <div className="grid-2">
        <TextField label={t("access.serverLogin")} name={f("serverLogin")} defaultValue={values[f("serverLogin")]} errors={errors[f("serverLogin")]} autoComplete="off" />
        <TextField
          label={t("access.serverPassword")}
          name={f("serverPassword")}
          type="password"
          defaultValue={values[f("serverPassword")]}
          errors={errors[f("serverPassword")]}
          autoComplete="new-password"
        />
      </div>
      <TextAreaField label={t("access.notes")} name={f("notes")} rows={2} defaultValue={values[f("notes")]} errors={errors[f("notes")]} />
    </fieldset>
  );
}
