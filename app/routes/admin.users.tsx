import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ActiveToggle, ConfirmButton } from "~/components/confirm";
import { Form, useActionData, useLoaderData, useSearchParams, Link } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { FieldErrorText, FormError, Notice, SelectField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { organisationChoices } from "~/modules/accounts/organisations.server";
import { ROLES } from "~/modules/accounts/permissions";
import { changeRoleSchema, inviteUserSchema } from "~/modules/accounts/schemas";
import { changeRole, inviteUser, listUsers, setUserActive } from "~/modules/accounts/users.server";
import { endAllSessionsOfUser } from "~/modules/security/sessions.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.users") }];

const roleFilter = z.enum(ROLES).optional().catch(undefined);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:user:any");
  const url = new URL(request.url);
  const page = await listUsers(user, {
    after: url.searchParams.get("after")?.slice(0, 254) || undefined,
    q: url.searchParams.get("q")?.trim().slice(0, 100) || undefined,
    role: roleFilter.parse(url.searchParams.get("role") || undefined),
  });
  return { ...page, organisations: await organisationChoices(), me: user.id };
}

const activeSchema = z.object({ userId: z.uuid(), intent: z.enum(["deactivate", "reactivate"]) });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:user:any");
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "invite") {
      const parsed = parseForm(inviteUserSchema, form);
      if (!parsed.ok) return data({ ok: false, intent, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
      await inviteUser(user, parsed.data);
      return { ok: true, intent, formError: "", fieldErrors: {} as Record<string, string[]>, values: {} as Record<string, string> };
    }
    if (intent === "change-role") {
      const parsed = parseForm(changeRoleSchema, form);
      if (!parsed.ok) return data({ ok: false, intent, formError: "account.error.role", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
      await changeRole(user, parsed.data.userId, parsed.data.role);
      return { ok: true, intent, formError: "", fieldErrors: {} as Record<string, string[]>, values: {} as Record<string, string> };
    }
    if (intent === "end-sessions") {
      const target = z.object({ userId: z.uuid() }).safeParse(Object.fromEntries(form));
      if (!target.success) throw new Response("Bad request", { status: 400 });
      await endAllSessionsOfUser(user, target.data.userId);
      return { ok: true, intent, formError: "", fieldErrors: {} as Record<string, string[]>, values: {} as Record<string, string> };
    }
    const parsed = activeSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new Response("Bad request", { status: 400 });
    await setUserActive(user, parsed.data.userId, parsed.data.intent === "reactivate");
    return { ok: true, intent, formError: "", fieldErrors: {} as Record<string, string[]>, values: {} as Record<string, string> };
  } catch (error) {
    const failure = handleAppError(error);
    return data({ ...failure.data, intent }, failure.init ?? undefined);
  }
}

export default function Users() {
  const { users, nextAfter, organisations, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, dateTime } = useI18n();
  const values = result && !result.ok && result.intent === "invite" ? (result.values ?? {}) : {};
  const keep = Object.fromEntries([...params.entries()].filter(([k]) => k !== "after"));
  return (
    <>
      <h1>{t("users.title")}</h1>
      {result?.ok ? <Notice>{t("common.saved")}</Notice> : <FormError message={result?.intent === "invite" ? null : result?.formError} />}
      <Form method="get" className="toolbar" role="search">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={params.get("q") ?? ""} />
        <SelectField label={t("common.role")} name="role" defaultValue={params.get("role") ?? ""}>
          <option value="">—</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}` as MessageKey)}
            </option>
          ))}
        </SelectField>
        <button type="submit">{t("common.filter")}</button>
      </Form>
      {users.length === 0 ? (
        <p className="card">{t("common.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("common.email")}</th>
                <th scope="col">{t("common.name")}</th>
                <th scope="col">{t("common.role")}</th>
                <th scope="col">{t("common.organisation")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("users.lastSignIn")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{u.email}</td>
                  <td>{u.name}</td>
                  <td>
                    {u.role === "customer" || u.id === me ? (
                      t(`role.${u.role}` as MessageKey)
                    ) : (
                      <AppForm method="post" className="inline" schema={changeRoleSchema} intent="change-role">
                        <input type="hidden" name="userId" value={u.id} />
                        <label className="sr-only" htmlFor={`role-${u.id}`}>
                          {t("users.changeRole")}: {u.email}
                        </label>
                        <select id={`role-${u.id}`} name="role" defaultValue={u.role}>
                          {ROLES.filter((r) => r !== "customer").map((r) => (
                            <option key={r} value={r}>
                              {t(`role.${r}` as MessageKey)}
                            </option>
                          ))}
                        </select>{" "}
                        <SubmitButton className="secondary">{t("common.save")}</SubmitButton>
                        <FieldErrorText name="role" />
                      </AppForm>
                    )}
                  </td>
                  <td>{u.organisationName ?? "—"}</td>
                  <td>{u.deactivatedAt ? t("common.deactivated") : u.invitationPending ? t("common.invited") : t("common.active")}</td>
                  <td>{u.lastSignedInAt ? dateTime(u.lastSignedInAt) : t("users.never")}</td>
                  <td>
                    {u.id !== me ? (
                      <ActiveToggle userId={u.id} deactivated={Boolean(u.deactivatedAt)} />
                    ) : null}
                    {u.id !== me && !u.deactivatedAt ? (
                      <AppForm method="post" className="inline">
                        <input type="hidden" name="userId" value={u.id} />
                        <ConfirmButton
                          name="intent"
                          value="end-sessions"
                          className="secondary"
                          aria-label={t("security.admin.endSessionsOf", { name: u.name })}
                          action={t("security.admin.endSessions")}
                          message={t("security.admin.confirmEndSessions")}
                        >
                          {t("security.admin.endSessions")}
                        </ConfirmButton>
                      </AppForm>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("common.pagination")}>
        {params.get("after") ? <Link to={`?${new URLSearchParams(keep)}`}>{t("common.first")}</Link> : null}
        {nextAfter ? <Link to={`?${new URLSearchParams({ ...keep, after: nextAfter })}`}>{t("common.next")}</Link> : null}
      </nav>
      <section className="card" style={{ marginTop: 16 }}>
        <h2>{t("users.invite")}</h2>
        <AppForm method="post" schema={inviteUserSchema} result={result} intent="invite">
          <TextField label={t("common.email")} name="email" type="email" required defaultValue={values.email} />
          <TextField label={t("common.name")} name="name" required defaultValue={values.name} />
          <SelectField label={t("common.role")} name="role" defaultValue={values.role ?? "engineer"}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t("common.organisation")}
            name="organisationId"
            defaultValue={values.organisationId ?? ""}
          >
            <option value="">—</option>
            {organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </SelectField>
          <SubmitButton>{t("users.invite")}</SubmitButton>
        </AppForm>
      </section>
    </>
  );
}
