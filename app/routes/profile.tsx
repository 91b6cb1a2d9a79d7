import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice, SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { COMMON_TIME_ZONES, profileSchema } from "~/modules/accounts/schemas";
import { updateProfile } from "~/modules/accounts/users.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.profile") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const zones = COMMON_TIME_ZONES.includes(user.timeZone) ? COMMON_TIME_ZONES : [user.timeZone, ...COMMON_TIME_ZONES];
  return { user: { name: user.name, email: user.email, locale: user.locale, timeZone: user.timeZone }, zones };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(profileSchema, await request.formData());
  if (!parsed.ok) return data({ saved: false, fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  await updateProfile(user, parsed.data);
  return { saved: true, fieldErrors: {} as Record<string, string[]>, values: parsed.values };
}

export default function Profile() {
  const { user, zones } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const values = result?.values ?? user;
  return (
    <section className="card narrow">
      <h1>{t("profile.title")}</h1>
      <p className="muted">{user.email}</p>
      {result?.saved ? <Notice>{t("common.saved")}</Notice> : null}
      <AppForm method="post" schema={profileSchema} result={result}>
        <TextField label={t("profile.name")} name="name" required defaultValue={values.name} autoComplete="name" />
        <SelectField label={t("profile.language")} name="locale" defaultValue={values.locale}>
          <option value="en">English</option>
          <option value="ru">Русский</option>
        </SelectField>
        <SelectField
          label={t("profile.timeZone")}
          name="timeZone"
          defaultValue={values.timeZone}
          hint={t("profile.timeZoneHint")}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </SelectField>
        <SubmitButton>{t("common.save")}</SubmitButton>
      </AppForm>
      <p>
        <Link to="/profile/notifications">{t("notifications.link")}</Link>
      </p>
      <h2>{t("security.profile.title")}</h2>
      <ul>
        <li>
          <Link to="/profile/password">{t("security.password.title")}</Link>
        </li>
        <li>
          <Link to="/profile/two-factor">{t("security.twoFactor.title")}</Link>
        </li>
        <li>
          <Link to="/profile/sessions">{t("security.sessions.title")}</Link>
        </li>
      </ul>
    </section>
  );
}
