import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { AppForm, SubmitButton } from "~/components/app-form";
import { Notice, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { createTag, deleteTag, listTags, updateTag } from "~/modules/tickets/tags.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { handleAppError } from "~/utils/errors.server";
import { formValues, parseForm } from "~/utils/forms";
import { pageTitle } from "~/utils/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "tags.title") }];

const tagForm = z.object({ labelEn: z.string().max(60).default(""), labelRu: z.string().max(60).default(""), colour: z.string().max(20).default("") });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:settings:any");
  const url = new URL(request.url);
  const tags = await listTags(user);
  const deleteId = url.searchParams.get("delete");
  return { tags, deleting: tags.find((t) => t.id === deleteId) ?? null, notice: url.searchParams.get("done") };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:settings:any");
  const formData = await request.formData();
  const values = formValues(formData);
  const intent = String(formData.get("intent") ?? "");
  const id = z.uuid().safeParse(formData.get("id"));
  try {
    if (intent === "delete" && id.success) {
      await deleteTag(user, id.data);
      return redirect("/admin/tags?done=deleted");
    }
    const parsed = parseForm(tagForm, formData);
    if (!parsed.ok) return data({ ok: false, formError: "", fieldErrors: parsed.fieldErrors, values, id: id.success ? id.data : null }, { status: 400 });
    if (intent === "create") await createTag(user, parsed.data);
    else if (intent === "update" && id.success) await updateTag(user, id.data, parsed.data);
    else throw new Response("Bad request", { status: 400 });
    return redirect("/admin/tags?done=saved");
  } catch (error) {
    const failure = handleAppError(error, values);
    return data({ ...failure.data, id: id.success ? id.data : null }, { status: failure.init?.status ?? 400 });
  }
}

export default function AdminTags() {
  const { tags, deleting, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  const failedFor = (id: string | null) => (result && !result.ok && result.id === id ? result : null);
  const createFailed = failedFor(null);
  return (
    <>
      <h1>{t("tags.title")}</h1>
      <p className="muted">{t("tags.intro")}</p>
      {notice === "saved" ? <Notice>{t("common.saved")}</Notice> : notice === "deleted" ? <Notice>{t("tags.deleted")}</Notice> : null}
      {deleting ? (
        <section className="card" aria-labelledby="confirm-delete">
          <h2 id="confirm-delete">{t("tags.confirmDelete", { name: deleting.labelEn, count: deleting.tickets })}</h2>
          <AppForm method="post" className="toolbar" intent="delete">
            <input type="hidden" name="id" value={deleting.id} />
            <SubmitButton className="danger">{t("tags.delete")}</SubmitButton>
            <Link to="/admin/tags">{t("common.back")}</Link>
          </AppForm>
        </section>
      ) : null}
      {tags.length === 0 ? <p className="card">{t("tags.empty")}</p> : null}
      {tags.map((tag) => {
        const failed = failedFor(tag.id);
        return (
          <section className="card" key={tag.id} aria-label={tag.labelEn}>
            <AppForm method="post" className="toolbar" schema={tagForm} result={failed} intent="update">
              <input type="hidden" name="id" value={tag.id} />
              <TextField label={t("tags.labelEn")} name="labelEn" defaultValue={failed?.values?.labelEn ?? tag.labelEn} />
              <TextField label={t("tags.labelRu")} name="labelRu" lang="ru" defaultValue={failed?.values?.labelRu ?? tag.labelRu} />
              <TextField label={t("tags.colour")} name="colour" defaultValue={failed?.values?.colour ?? tag.colour ?? ""} />
              <SubmitButton className="secondary">{t("tags.rename")}</SubmitButton>
            </AppForm>
            <p className="hint">
              {t("tags.name")}: <code>{tag.name}</code> · <Link to={`/desk/tickets?queue=all&tag=${encodeURIComponent(tag.name)}`}>{t("tags.tickets")}: {tag.tickets}</Link> ·{" "}
              <Link to={`/admin/tags?delete=${tag.id}`} aria-label={`${t("tags.delete")}: ${tag.labelEn}`}>
                {t("tags.delete")}
              </Link>
            </p>
          </section>
        );
      })}
      <section className="card" style={{ marginTop: 16 }}>
        <h2 style={{ marginTop: 0 }}>{t("tags.new")}</h2>
        <AppForm method="post" schema={tagForm} result={createFailed} intent="create">
          <TextField label={t("tags.labelEn")} name="labelEn" required defaultValue={createFailed?.values?.labelEn ?? ""} />
          <TextField label={t("tags.labelRu")} name="labelRu" lang="ru" defaultValue={createFailed?.values?.labelRu ?? ""} />
          <TextField label={t("tags.colour")} name="colour" hint={t("tags.colourHint")} defaultValue={createFailed?.values?.colour ?? ""} />
          <SubmitButton>{t("tags.create")}</SubmitButton>
        </AppForm>
      </section>
    </>
  );
}
