import { pageTitle } from "~/utils/i18n";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { ActiveToggle } from "~/components/confirm";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { can } from "~/modules/accounts/permissions";
import { inviteContactSchema } from "~/modules/accounts/schemas";
import { inviteContact, listContacts, makePrimaryContact, setUserActive } from "~/modules/accounts/users.server";
import { requireCustomer } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { billingContactIds, setBillingRole } from "~/modules/billing/access.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.contactPersons") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCustomer(request);
  const contacts = await listContacts(user, user.organisationId);
  const billing = new Set(await billingContactIds(user));
  return { contacts: contacts.map((c) => ({ ...c, billing: c.isPrimaryContact || billing.has(c.id) })), canManage: can(user, "manage:contact:own"), me: user.id };
}

const contactAction = z.object({ intent: z.enum(["deactivate", "reactivate", "make-primary", "grant-billing", "revoke-billing"]), userId: z.uuid() });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireCustomer(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "invite") {
      const parsed = parseForm(inviteContactSchema, form);
      if (!parsed.ok) return data({ ok: false, intent, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
      await inviteContact(user, parsed.data);
      return { ok: true, intent, formError: "", fieldErrors: {} as Record<string, string[]>, values: {} as Record<string, string> };
    }
    const parsed = contactAction.safeParse(Object.fromEntries(form));
    if (!parsed.success) throw new Response("Bad request", { status: 400 });
    if (parsed.data.intent === "make-primary") await makePrimaryContact(user, parsed.data.userId);
    else if (parsed.data.intent === "grant-billing" || parsed.data.intent === "revoke-billing") await setBillingRole(user, parsed.data.userId, parsed.data.intent === "grant-billing");
    else await setUserActive(user, parsed.data.userId, parsed.data.intent === "reactivate");
    return { ok: true, intent, formError: "", fieldErrors: {} as Record<string, string[]>, values: {} as Record<string, string> };
  } catch (error) {
    const failure = handleAppError(error);
    return data({ ...failure.data, intent }, failure.init ?? undefined);
  }
}

export default function Team() {
  const { contacts, canManage, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <>
      <h1>{t("team.title")}</h1>
      {result?.ok ? <Notice>{t("common.saved")}</Notice> : result?.intent !== "invite" ? <FormError message={result?.formError} /> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("common.name")}</th>
              <th scope="col">{t("common.email")}</th>
              <th scope="col">{t("team.jobTitle")}</th>
              <th scope="col">{t("common.status")}</th>
              {canManage ? <th scope="col">{t("common.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {contacts.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/portal/team/${c.id}`}>{c.name}</Link> {c.isPrimaryContact ? <span className="badge ok">{t("team.primary")}</span> : null}{" "}
                  {c.billing ? <span className="badge">{t("billing.role")}</span> : null}
                </td>
                <td>{c.email}</td>
                <td>{c.jobTitle ?? "—"}</td>
                <td>{c.deactivatedAt ? t("common.deactivated") : c.invitationPending ? t("common.invited") : t("common.active")}</td>
                {canManage ? (
                  <td>
                    {c.id !== me ? (
                      <ActiveToggle userId={c.id} deactivated={Boolean(c.deactivatedAt)} />
                    ) : null}{" "}
                    {!c.isPrimaryContact && !c.deactivatedAt ? (
                      <AppForm method="post" className="inline">
                        <input type="hidden" name="userId" value={c.id} />
                        <SubmitButton name="intent" value="make-primary" className="secondary">
                          {t("team.makePrimary")}
                        </SubmitButton>
                      </AppForm>
                    ) : null}{" "}
                    {!c.isPrimaryContact && !c.deactivatedAt ? (
                      <AppForm method="post" className="inline">
                        <input type="hidden" name="userId" value={c.id} />
                        <SubmitButton name="intent" value={c.billing ? "revoke-billing" : "grant-billing"} className="secondary" aria-label={`${t(c.billing ? "billing.role.revoke" : "billing.role.grant")}: ${c.name}`}>
                          {t(c.billing ? "billing.role.revoke" : "billing.role.grant")}
                        </SubmitButton>
                      </AppForm>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("billing.role.hint")}</p>
      {canManage ? (
        <section className="card" style={{ marginTop: 16 }}>
          <h2>{t("team.invite")}</h2>
          <AppForm method="post" intent="invite" schema={inviteContactSchema} result={result}>
            <TextField label={t("common.name")} name="name" required defaultValue={result?.ok ? "" : result?.values?.name} />
            <TextField label={t("common.email")} name="email" type="email" required defaultValue={result?.ok ? "" : result?.values?.email} />
            <TextField label={t("team.jobTitle")} name="jobTitle" defaultValue={result?.ok ? "" : result?.values?.jobTitle} />
            <SubmitButton>{t("team.invite")}</SubmitButton>
          </AppForm>
        </section>
      ) : (
        <p className="muted">{t("team.onlyPrimary")}</p>
      )}
    </>
  );
}
