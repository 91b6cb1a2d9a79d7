import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { Notice, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import type { MessageKey } from "~/locales/en";
import { canEditShared, deleteMacro, getMacro, listMacros, saveMacro } from "~/modules/macros/macros.server";
import { PLACEHOLDERS } from "~/modules/macros/render";
import { MACRO_ASSIGN, macroSchema } from "~/modules/macros/schemas";
import { PRIORITY_VALUES } from "~/modules/tickets/queue-filters";
import { TICKET_STATUSES } from "~/modules/tickets/status";
import { requirePermission } from "~/modules/accounts/auth.server";
import { AppError, handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "macros.title") }];

const idParam = (value: string | null) => {
  const parsed = z.uuid().safeParse(value);
  return parsed.success ? parsed.data : null;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "reply:ticket:any");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.slice(0, 100) ?? "";
  const editId = idParam(url.searchParams.get("edit"));
  const deleteId = idParam(url.searchParams.get("delete"));
  try {
    const [items, editing, deleting] = await Promise.all([
      listMacros(user, { q }),
      editId ? getMacro(user, editId) : Promise.resolve(null),
      deleteId ? getMacro(user, deleteId) : Promise.resolve(null),
    ]);
    return { q, items, editing, deleting, canShare: canEditShared(user), notice: url.searchParams.get("done") };
  } catch (error) {
    throw handleAppError(error);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "reply:ticket:any");
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const id = idParam(String(formData.get("id") ?? ""));
  try {
    if (intent === "delete") {
      if (!id) throw new Response("Bad request", { status: 400 });
      await deleteMacro(user, id);
      return redirect("/desk/macros?done=deleted");
    }
    if (intent !== "save") throw new Response("Bad request", { status: 400 });
    const parsed = parseForm(macroSchema, formData);
    if (!parsed.ok) return data({ ok: false, intent, formError: "", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
    await saveMacro(user, id, parsed.data);
    return redirect("/desk/macros?done=saved");
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") {
      return data({ ok: false, intent, formError: error.userMessage, fieldErrors: {}, values: Object.fromEntries([...formData].map(([k, v]) => [k, String(v)])) }, { status: 403 });
    }
    return handleAppError(error, Object.fromEntries([...formData].map(([k, v]) => [k, String(v)])));
  }
}

export default function Macros() {
  const { q, items, editing, deleting, canShare, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const failed = result && !result.ok ? result : null;
  const value = (name: string, fallback: string) => (failed?.values?.[name] ?? fallback);
  const m = editing;
  return (
    <>
      <h1>{t("macros.title")}</h1>
      <p className="muted">{t("macros.intro")}</p>
      {notice === "saved" ? <Notice>{t("macros.saved")}</Notice> : notice === "deleted" ? <Notice>{t("macros.deleted")}</Notice> : null}
      {deleting ? (
        <section className="card" aria-labelledby="confirm-delete">
          <h2 id="confirm-delete">{t("macros.confirmDelete", { title: deleting.title })}</h2>
          {/* A refused delete is said above the macro form below, as before. */}
          <AppForm method="post" className="toolbar" intent="delete">
            <input type="hidden" name="id" value={deleting.id} />
            <SubmitButton className="danger">{t("macros.delete")}</SubmitButton>
            <Link to="/desk/macros">{t("common.back")}</Link>
          </AppForm>
        </section>
      ) : null}
      <Form method="get" className="toolbar" role="search">
        <TextField label={t("macros.search")} name="q" type="search" defaultValue={q} />
        <button type="submit" className="secondary">
          {t("common.search")}
        </button>
      </Form>
      {items.length === 0 ? (
        <p className="card">{t("macros.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("macros.titleField")}</th>
                <th scope="col">{t("macros.kind")}</th>
                <th scope="col">{t("macros.usage")}</th>
                <th scope="col">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{item.title}</td>
                  <td>{item.shared ? t("macros.shared") : t("macros.personal")}</td>
                  <td>{t("macros.usageCount", { count: item.usageCount })}</td>
                  <td>
                    {item.editable ? (
                      <>
                        <Link to={`/desk/macros?edit=${item.id}`} aria-label={`${t("macros.edit")}: ${item.title}`}>
                          {t("macros.edit")}
                        </Link>{" "}
                        <Link to={`/desk/macros?delete=${item.id}`} aria-label={`${t("macros.delete")}: ${item.title}`}>
                          {t("macros.delete")}
                        </Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="card" style={{ marginTop: 16 }}>
        <h2 style={{ marginTop: 0 }}>{m ? t("macros.edit") : t("macros.new")}</h2>
        <AppForm method="post" key={m?.id ?? "new"} schema={macroSchema} result={result} intent="save">
          {m ? <input type="hidden" name="id" value={m.id} /> : null}
          <TextField label={t("macros.titleField")} name="title" required maxLength={120} defaultValue={value("title", m?.title ?? "")} />
          <TextAreaField label={t("macros.bodyEn")} name="bodyEn" lang="en" rows={5} defaultValue={value("bodyEn", m?.bodyEn ?? "")} />
          <TextAreaField label={t("macros.bodyRu")} name="bodyRu" lang="ru" rows={5} defaultValue={value("bodyRu", m?.bodyRu ?? "")} />
          <p className="hint">
            {t("macros.bodyHint")}{" "}
            {PLACEHOLDERS.map((p) => (
              <code key={p} style={{ marginRight: 8 }}>{`{{${p}}}`}</code>
            ))}
          </p>
          <SelectField label={t("macros.setStatus")} name="setStatus" defaultValue={value("setStatus", m?.setStatus ?? "")}>
            <option value="">{t("macros.noChange")}</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`ticket.status.${s}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("macros.setPriority")} name="setPriority" defaultValue={value("setPriority", m?.setPriority ?? "")}>
            <option value="">{t("macros.noChange")}</option>
            {PRIORITY_VALUES.map((p) => (
              <option key={p} value={p}>
                {t(`ticket.priority.${p}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("macros.assign")} name="assign" defaultValue={value("assign", m?.assign ?? "")}>
            <option value="">{t("macros.noChange")}</option>
            {MACRO_ASSIGN.map((a) => (
              <option key={a} value={a}>
                {t(`macros.assign.${a}` as MessageKey)}
              </option>
            ))}
          </SelectField>
          <TextField label={t("macros.addTags")} name="addTags" defaultValue={value("addTags", m?.addTags.join(", ") ?? "")} />
          {canShare ? (
            <label>
              <input type="checkbox" name="shared" defaultChecked={failed ? failed.values?.shared === "on" : (m?.shared ?? false)} /> {t("macros.shared")}
            </label>
          ) : null}
          <p>
            <SubmitButton>{m ? t("macros.save") : t("macros.create")}</SubmitButton>
          </p>
        </AppForm>
      </section>
    </>
  );
}
