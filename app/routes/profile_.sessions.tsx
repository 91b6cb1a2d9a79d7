import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ConfirmButton } from "~/components/confirm";
import { useActionData, useLoaderData } from "@remix-run/react";
import { AppForm } from "~/components/app-form";
import { z } from "zod";
import { FormError, Notice } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { endOtherSessions, endOwnSession, listOwnSessions } from "~/modules/security/sessions.server";
import { requireSession } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.sessions") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, session } = await requireSession(request);
  return { sessions: await listOwnSessions(user, session.id) };
}

const endOneSchema = z.object({ sessionId: z.uuid({ error: "security.error.chooseSession" }) });

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireSession(request);
  const form = await request.formData();
  try {
    if (form.get("intent") === "end-others") {
      const ended = await endOtherSessions(user, session.id);
      return { ok: true as const, intent: "end-others", formError: "", ended };
    }
    const parsed = parseForm(endOneSchema, form);
    if (!parsed.ok) return data({ ok: false as const, intent: "end-one", formError: parsed.fieldErrors.sessionId?.[0] ?? "validation.invalid", ended: 0 }, { status: 400 });
    if (parsed.data.sessionId === session.id) {
      return data({ ok: false as const, intent: "end-one", formError: "security.sessions.endCurrent", ended: 0 }, { status: 400 });
    }
    await endOwnSession(user, parsed.data.sessionId);
    return { ok: true as const, intent: "end-one", formError: "", ended: 1 };
  } catch (error) {
    const failure = handleAppError(error);
    return data({ ok: false as const, intent: form.get("intent") === "end-others" ? "end-others" : "end-one", formError: failure.data.formError, ended: 0 }, failure.init ?? undefined);
  }
}

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateTime } = useI18n();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <>
      <h1>{t("security.sessions.title")}</h1>
      <p>{t("security.sessions.intro")}</p>
      {result?.ok ? <Notice>{t("security.sessions.ended", { count: result.ended })}</Notice> : null}
      <FormError message={result && !result.ok ? result.formError : null} />
      <table>
        <caption className="sr-only">{t("security.sessions.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("security.sessions.device")}</th>
            <th scope="col">{t("security.sessions.address")}</th>
            <th scope="col">{t("security.sessions.created")}</th>
            <th scope="col">{t("security.sessions.lastSeen")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => {
            const device = [s.browser, s.os].filter(Boolean).join(" / ") || t("security.sessions.unknownDevice");
            return (
              <tr key={s.id}>
                <td>{device}</td>
                <td>{s.ipAddress ?? "—"}</td>
                <td>{dateTime(s.createdAt)}</td>
                <td>{dateTime(s.lastSeenAt)}</td>
                <td>
                  {s.current ? (
                    <strong>{t("security.sessions.current")}</strong>
                  ) : (
                    <AppForm method="post" intent="end-one" schema={endOneSchema} result={result} formError="none">
                      <input type="hidden" name="sessionId" value={s.id} />
                      <ConfirmButton
                        className="link-button"
                        aria-label={t("security.sessions.endLabel", { device, created: dateTime(s.createdAt) })}
                        action={t("security.sessions.end")}
                        message={t("security.sessions.confirmEnd")}
                      >
                        {t("security.sessions.end")}
                      </ConfirmButton>
                    </AppForm>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {others > 0 ? (
        <AppForm method="post" intent="end-others" result={result} formError="none">
          <ConfirmButton message={t("security.sessions.confirmEndOthers")}>{t("security.sessions.endOthers", { count: others })}</ConfirmButton>
        </AppForm>
      ) : (
        <p className="muted">{t("security.sessions.noOthers")}</p>
      )}
    </>
  );
}
