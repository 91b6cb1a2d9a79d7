import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { notificationPreferences, saveNotificationPreferences } from "~/modules/notifications/notifications.server";
import { requireUser } from "~/modules/accounts/auth.server";
import { AppError } from "~/utils/errors.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.emailNotifications") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { preferences: await notificationPreferences(user) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const enabled = (await request.formData()).getAll("enabled").filter((v): v is string => typeof v === "string");
  try {
    await saveNotificationPreferences(user, enabled);
    return { ok: true, saved: true, enabled, formError: null };
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid") return data({ ok: false, saved: false, enabled, formError: "notifications.refused" as const }, { status: 400 });
    throw error;
  }
}

export default function NotificationPreferences() {
  const { preferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  // After a refused save the boxes show what the user ticked, not what is stored.
  const isOn = (kind: string, stored: boolean) => (result && !result.saved ? result.enabled.includes(kind) : stored);
  return (
    <section className="card narrow">
      <h1>{t("notifications.title")}</h1>
      <p>{t("notifications.intro")}</p>
      {result?.saved ? <Notice>{t("notifications.saved")}</Notice> : null}
      {preferences.length === 0 ? (
        <p className="muted">{t("notifications.none")}</p>
      ) : (
        <AppForm method="post" result={result}>
          <fieldset>
            <legend>{t("notifications.title")}</legend>
            {preferences.map((p) => (
              <div className="field" key={p.kind}>
                <label>
                  <input
                    type="checkbox"
                    name={p.mandatory ? undefined : "enabled"}
                    value={p.kind}
                    defaultChecked={p.mandatory || isOn(p.kind, p.enabled)}
                    disabled={p.mandatory}
                    aria-describedby={p.mandatory ? `mandatory-${p.kind}` : undefined}
                  />{" "}
                  {t(`notifications.kind.${p.kind}` as MessageKey)}
                </label>
                {p.mandatory ? (
                  <>
                    {/* A disabled box is not submitted: the hidden field keeps the kind on. */}
                    <input type="hidden" name="enabled" value={p.kind} />
                    <p className="hint" id={`mandatory-${p.kind}`}>
                      {t("notifications.mandatory")}
                    </p>
                  </>
                ) : null}
              </div>
            ))}
          </fieldset>
          <SubmitButton>{t("notifications.save")}</SubmitButton>
        </AppForm>
      )}
      <p>
        <Link to="/profile">{t("profile.title")}</Link>
      </p>
    </section>
  );
}
