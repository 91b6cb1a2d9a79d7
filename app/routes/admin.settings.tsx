import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton, type FormResult } from "~/components/app-form";
import { Notice, SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { msg, type FormMessage } from "~/utils/messages";
import { useMemo } from "react";
import { DEFAULT_SETTINGS, formatSettingInput, isSettingArea, SETTINGS, SETTING_AREAS, type SettingArea, type SettingError } from "~/modules/settings/definitions";
import { getSettings, updateSettingsArea } from "~/modules/settings/settings.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { formValues } from "~/utils/forms";
import { translate, pageTitle } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: data?.title ? `${data?.title} · Keydesk` : pageTitle(matches, "title.settings") }];

/** Areas in the order of the page, under the headings the admin looks for. */
const GROUPS: { id: string; areas: SettingArea[] }[] = [
  { id: "licences", areas: ["licences", "renewals"] },
  { id: "tickets", areas: ["tickets", "sla"] },
  { id: "quality", areas: ["quality", "reviews"] },
  { id: "invoices", areas: ["billing", "seller"] },
  { id: "email", areas: ["email"] },
  { id: "security", areas: ["security"] },
  { id: "backups", areas: ["backups"] },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:settings:any");
  const current = await getSettings();
  const title = translate(await resolveLocale(request, user), "settings.title");
  const areas = SETTING_AREAS.map((area) => ({
    area,
    fields: SETTINGS[area].map((def) => ({
      field: def.field,
      kind: def.kind,
      unit: "unit" in def ? def.unit : def.kind === "basisPoints" ? "percent" : def.kind === "dayList" ? "days" : null,
      options: "options" in def ? [...def.options] : [],
      value: formatSettingInput(def, (current[area] as Record<string, unknown>)[def.field]),
      fallback: formatSettingInput(def, (DEFAULT_SETTINGS[area] as Record<string, unknown>)[def.field]),
    })),
  }));
  return { title, areas, demoTwoFactorOff: current.security.turnedOffByDemoData && !current.security.requireTwoFactorForStaff };
}

/** `intent` is the area the form saved (each area is its own form). */
type Result = { ok: true; intent: SettingArea } | { ok: false; intent: string; errors: Record<string, SettingError>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:settings:any");
  const form = await request.formData();
  const area = form.get("intent");
  const values = formValues(form);
  if (!isSettingArea(area)) {
    return data<Result>({ ok: false, intent: "", errors: { _form: { code: "choice" } }, values }, { status: 400 });
  }
  const result = await updateSettingsArea(user, area, values);
  if (!result.ok) return data<Result>({ ok: false, intent: area, errors: result.errors, values }, { status: 400 });
  return data<Result>({ ok: true, intent: area });
}

type AreaView = ReturnType<typeof useLoaderData<typeof loader>>["areas"][number];

/** A setting's error as a catalogue message with its numbers. */
function settingMessage(error: SettingError | undefined): FormMessage[] | undefined {
  if (!error) return undefined;
  const { code, ...params } = error;
  return [msg(`settings.error.${code}` as MessageKey, params)];
}

function AreaForm({ view }: { view: AreaView }) {
  const { t } = useI18n();
  const result = useActionData<typeof action>() as Result | undefined;
  const mine = result?.intent === view.area ? result : undefined;
  const failed = mine && !mine.ok ? mine : undefined;
  // One object per answer: the form takes a new result as a new answer from the server.
  const answer = useMemo<FormResult>(
    () =>
      failed && {
        ok: false,
        intent: view.area,
        formError: msg("settings.error.form", { count: Object.keys(failed.errors).length }),
        fieldErrors: Object.fromEntries(view.fields.map((field) => [field.field, settingMessage(failed.errors[field.field])])),
      },
    [failed, view],
  );
  const headingId = `settings-${view.area}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`settings.area.${view.area}` as MessageKey)}</h3>
      {mine?.ok ? <Notice>{t("common.saved")}</Notice> : null}
      <AppForm method="post" intent={view.area} result={answer}>
        {view.fields.map((field) => {
          const label = t(`settings.field.${view.area}.${field.field}` as MessageKey);
          const unit = field.unit ? t(`settings.unit.${field.unit}` as MessageKey) : "";
          const fallback =
            field.kind === "boolean"
              ? t(field.fallback === "on" ? "settings.defaultOn" : "settings.defaultOff")
              : field.fallback === ""
                ? ""
                : t("settings.default", { value: field.kind === "choice" ? t(`settings.option.${field.field}.${field.fallback}` as MessageKey) : field.fallback });
          const hint = [t(`settings.help.${view.area}.${field.field}` as MessageKey), fallback]
            .filter(Boolean)
            .join(" ");
          const typed = failed ? (failed.values[field.field] ?? "") : field.value;
          const name = `${view.area}-${field.field}`;
          if (field.kind === "boolean") {
            return (
              <div className="field" key={name}>
                <label>
                  <input type="checkbox" name={field.field} defaultChecked={typed === "on"} aria-describedby={`${name}-hint`} /> {label}
                </label>
                <p className="hint" id={`${name}-hint`}>
                  {hint}
                </p>
              </div>
            );
          }
          if (field.kind === "choice") {
            return (
              <SelectField key={name} label={label} name={field.field} defaultValue={typed} hint={hint}>
                {field.options.map((option) => (
                  <option key={option} value={option}>
                    {t(`settings.option.${field.field}.${option}` as MessageKey)}
                  </option>
                ))}
              </SelectField>
            );
          }
          const numeric = field.kind === "int" || field.kind === "decimal" || field.kind === "basisPoints";
          return (
            <TextField
              key={name}
              label={unit ? `${label}, ${unit}` : label}
              name={field.field}
              defaultValue={typed}
              inputMode={field.kind === "int" ? "numeric" : numeric ? "decimal" : undefined}
              hint={hint}
            />
          );
        })}
        <SubmitButton>{t("settings.save", { area: t(`settings.area.${view.area}` as MessageKey) })}</SubmitButton>
      </AppForm>
    </section>
  );
}

export default function AdminSettings() {
  const { areas, demoTwoFactorOff } = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const byArea = new Map(areas.map((view) => [view.area, view]));
  return (
    <>
      <h1>{t("settings.title")}</h1>
      <p>{t("settings.intro")}</p>
      <p>
        {t("settings.elsewhere")} <Link to="/admin/calendars">{t("settings.link.calendars")}</Link> ·{" "}
        <Link to="/admin/plans">{t("settings.link.plans")}</Link> · <Link to="/admin/products">{t("settings.link.products")}</Link> ·{" "}
        <Link to="/admin/mail">{t("settings.link.mail")}</Link>
      </p>
      <nav aria-label={t("settings.toc")}>
        <ul className="inline-list">
          {GROUPS.map((group) => (
            <li key={group.id}>
              <a href={`#group-${group.id}`}>{t(`settings.group.${group.id}` as MessageKey)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {GROUPS.map((group) => (
        <section key={group.id} id={`group-${group.id}`} aria-labelledby={`group-${group.id}-title`}>
          <h2 id={`group-${group.id}-title`}>{t(`settings.group.${group.id}` as MessageKey)}</h2>
          {group.id === "security" && demoTwoFactorOff ? <p className="alert alert-error">{t("security.settings.demoOff")}</p> : null}
          <div className="grid-2">
            {group.areas.map((area) => (
              <AreaForm key={area} view={byArea.get(area)!} />
            ))}
          </div>
        </section>
      ))}
    </>
  );
}
