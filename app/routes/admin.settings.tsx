import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, Notice, SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
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

type Result = { ok: true; area: SettingArea } | { ok: false; area: string; errors: Record<string, SettingError>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:settings:any");
  const form = await request.formData();
  const area = form.get("area");
  const values = formValues(form);
  if (!isSettingArea(area)) {
    return data<Result>({ ok: false, area: "", errors: { _form: { code: "choice" } }, values }, { status: 400 });
  }
  const result = await updateSettingsArea(user, area, values);
  if (!result.ok) return data<Result>({ ok: false, area, errors: result.errors, values }, { status: 400 });
  return data<Result>({ ok: true, area });
}

type AreaView = ReturnType<typeof useLoaderData<typeof loader>>["areas"][number];

function errorText(t: ReturnType<typeof useI18n>["t"], error: SettingError | undefined): string[] | undefined {
  if (!error) return undefined;
  const { code, ...params } = error;
  return [t(`settings.error.${code}` as MessageKey, params)];
}

function AreaForm({ view }: { view: AreaView }) {
  const { t } = useI18n();
  const result = useActionData<typeof action>() as Result | undefined;
  const navigation = useNavigation();
  const mine = result?.area === view.area ? result : undefined;
  const failed = mine && !mine.ok ? mine : undefined;
  const busy = navigation.state === "submitting" && navigation.formData?.get("area") === view.area;
  const headingId = `settings-${view.area}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`settings.area.${view.area}` as MessageKey)}</h3>
      {mine?.ok ? <Notice>{t("common.saved")}</Notice> : null}
      {failed ? <FormError message={t("settings.error.form", { count: Object.keys(failed.errors).length })} /> : null}
      <Form method="post" noValidate>
        <input type="hidden" name="area" value={view.area} />
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
          const errors = errorText(t, failed?.errors[field.field]);
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
              <SelectField key={name} label={label} name={field.field} defaultValue={typed} errors={errors} hint={hint}>
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
              errors={errors}
              hint={hint}
            />
          );
        })}
        <button type="submit" disabled={busy}>
          {t("settings.save", { area: t(`settings.area.${view.area}` as MessageKey) })}
        </button>
      </Form>
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
