import { pageTitle } from "~/utils/i18n";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isMessageKey, type FieldErrors, type FormMessage } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { FieldErrorText, FormError, SelectField, TextAreaField, TextField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import { STATUS_LABEL, VISIBILITY_LABEL } from "~/components/knowledge/labels";
import { articleDraftFromTicket, articleFeedback, articleForEditing, listCategories, saveArticle } from "~/modules/knowledge/articles.server";
import { addArticleImages } from "~/modules/knowledge/images.server";
import { clearKbApiCache } from "~/modules/knowledge/public-api.server";
import { parseUploadForm } from "~/modules/tickets/uploads.server";
import { articleFormSchema, KB_STATUSES, KB_VISIBILITIES } from "~/modules/knowledge/schemas";
import { productChoices } from "~/modules/knowledge/search.server";
import { requirePermission } from "~/modules/accounts/auth.server";
import { AppError, handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.article") }];

const idSchema = z.union([z.literal("new"), z.uuid()]);

/** The article editor: new (optionally prefilled from a solved ticket) or an existing article with its history. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:article:any");
  const id = idSchema.safeParse(params.articleId);
  if (!id.success) throw new Response("Not found", { status: 404 });
  const [categories, products] = await Promise.all([listCategories("all"), productChoices()]);
  const saved = new URL(request.url).searchParams.get("saved") === "1";
  try {
    if (id.data === "new") {
      const fromTicket = Number(new URL(request.url).searchParams.get("fromTicket"));
      const prefill = Number.isInteger(fromTicket) && fromTicket > 0 ? await articleDraftFromTicket(user, fromTicket) : null;
      return {
        id: null,
        values: prefill
          ? { title: prefill.title, bodyMarkdown: prefill.bodyMarkdown, language: prefill.language, sourceTicketId: prefill.sourceTicketId, visibility: "customers", status: "draft" }
          : { language: user.locale, visibility: "public", status: "draft" },
        productIds: prefill?.productIds ?? [],
        fromTicket: prefill ? fromTicket : null,
        categories,
        products,
        versions: [],
        feedback: [],
        publicUrl: null,
        stats: null,
        saved: false,
      };
    }
    const { article, productIds, versions } = await articleForEditing(user, id.data);
    const feedback = await articleFeedback(user, article.id);
    return {
      id: article.id,
      values: {
        title: article.title,
        slug: article.slug,
        summary: article.summary,
        bodyMarkdown: article.bodyMarkdown,
        language: article.language,
        categoryId: article.categoryId ?? "",
        visibility: article.visibility,
        status: article.status,
      } as Record<string, string>,
      productIds,
      fromTicket: null,
      categories,
      products,
      versions,
      feedback,
      publicUrl: `/kb/${article.language}/${article.slug}`,
      stats: { yes: article.helpfulYes, no: article.helpfulNo, deflections: article.deflections },
      saved,
    };
  } catch (error) {
    handleAppError(error);
    throw error;
  }
}

type Failure = { ok: false; formError: FormMessage; fieldErrors: FieldErrors; values: Record<string, string>; productIds: string[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "write:article:any");
  const id = idSchema.safeParse(params.articleId);
  if (!id.success) throw new Response("Not found", { status: 404 });
  // Images go through the attachment checks; their Markdown is added at the end of the text.
  const { formData, uploads, rejected } = await parseUploadForm(request, "images");
  const parsed = parseForm(articleFormSchema, formData);
  const productIds = formData.getAll("productIds").map(String);
  if (!parsed.ok || rejected.length > 0) {
    const fieldErrors = { ...(parsed.ok ? {} : parsed.fieldErrors), ...(rejected.length > 0 ? { images: ["kb.error.image"] } : {}) };
    return data<Failure>({ ok: false, formError: "kb.error.form", fieldErrors, values: parsed.values, productIds }, { status: 400 });
  }
  try {
    const images = await addArticleImages(user, uploads);
    const input = images.length > 0 ? { ...parsed.data, bodyMarkdown: `${parsed.data.bodyMarkdown}\n\n${images.map((i) => i.markdown).join("\n\n")}` } : parsed.data;
    const article = await saveArticle(user, id.data === "new" ? null : id.data, input);
    clearKbApiCache();
    return redirect(`/desk/kb/${article.id}?saved=1`);
  } catch (error) {
    if (error instanceof AppError && error.code === "invalid") {
      return data<Failure>({ ok: false, formError: error.userMessage, fieldErrors: error.fieldErrors ?? {}, values: parsed.values, productIds }, { status: 400 });
    }
    return handleAppError(error, parsed.values);
  }
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t }) => [{ to: "/desk/kb", label: t("nav.kb") }, { label: d.id ? String((d.values as Record<string, string>).title ?? "") : t("kb.desk.new") }]);

export default function ArticleEditor() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateTime } = useI18n();
  const failed = result && !result.ok ? (result as Failure) : null;
  const values: Record<string, string> = { ...(loaded.values as Record<string, string>), ...(failed?.values ?? {}) };
  const productIds = failed?.productIds ?? loaded.productIds;
  const saved = loaded.saved;
  return (
    <>
      <p>
        <Link to="/desk/kb">← {t("kb.desk.title")}</Link>
        {loaded.publicUrl ? (
          <>
            {" · "}
            <Link to={loaded.publicUrl}>{t("kb.desk.view")}</Link>
          </>
        ) : null}
      </p>
      <h1>{loaded.id ? values.title : t("kb.desk.new")}</h1>
      {loaded.fromTicket ? <p className="hint">{t("kb.form.fromTicket", { number: loaded.fromTicket })}</p> : null}
      {saved && !failed ? (
        <p className="hint" role="status">
          {t("kb.form.saved")}
        </p>
      ) : null}
      {loaded.stats ? <p className="hint">{t("kb.stats", { deflections: loaded.stats.deflections, yes: loaded.stats.yes, no: loaded.stats.no })}</p> : null}
      <FormError message={failed ? (isMessageKey(failed.formError) || typeof failed.formError !== "string" ? failed.formError : "kb.error.form") : null} />
      <AppForm method="post" encType="multipart/form-data" schema={articleFormSchema} result={failed} formError="none">
        <input type="hidden" name="sourceTicketId" value={values.sourceTicketId ?? ""} />
        <TextField label={t("kb.form.title")} name="title" required maxLength={200} defaultValue={values.title ?? ""} />
        <TextField label={t("kb.form.slug")} name="slug" maxLength={80} hint={t("kb.form.slugHint")} defaultValue={values.slug ?? ""} />
        <TextField label={t("kb.form.summary")} name="summary" maxLength={300} hint={t("kb.form.summaryHint")} defaultValue={values.summary ?? ""} />
        <TextAreaField label={t("kb.form.body")} name="bodyMarkdown" rows={18} hint={t("kb.form.bodyHint")} defaultValue={values.bodyMarkdown ?? ""} />
        <div className="grid-2">
          <SelectField label={t("kb.language")} name="language" defaultValue={values.language ?? "en"}>
            <option value="en">English</option>
            <option value="ru">Русский</option>
          </SelectField>
          <TextField label={t("kb.form.translationOf")} name="translationOf" hint={t("kb.form.translationOfHint")} defaultValue={values.translationOf ?? ""} />
          <SelectField label={t("kb.form.category")} name="categoryId" defaultValue={values.categoryId ?? ""}>
            <option value="">{t("kb.form.noCategory")}</option>
            {loaded.categories.map((c) => (
              <option key={c.id} value={c.id}>
                {c.nameEn} / {c.nameRu}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("kb.form.visibility")} name="visibility" defaultValue={values.visibility ?? "public"}>
            {KB_VISIBILITIES.map((v) => (
              <option key={v} value={v}>
                {t(VISIBILITY_LABEL[v])}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("kb.form.status")} name="status" defaultValue={values.status ?? "draft"}>
            {KB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_LABEL[s])}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="field">
          <label htmlFor="kb-images">{t("kb.form.images")}</label>
          <input id="kb-images" type="file" name="images" accept="image/png,image/jpeg,image/gif,image/webp" multiple aria-describedby="kb-images-hint kb-images-error" />
          <p className="hint" id="kb-images-hint">
            {t("kb.form.imagesHint")}
          </p>
          <FieldErrorText name="images" id="kb-images-error" />
        </div>
        <fieldset>
          <legend>{t("kb.form.products")}</legend>
          {loaded.products.map((p) => (
            <label key={p.id} style={{ display: "block" }}>
              <input type="checkbox" name="productIds" value={p.id} defaultChecked={productIds.includes(p.id)} /> {p.name}
            </label>
          ))}
          <p className="hint">{t("kb.form.productsHint")}</p>
        </fieldset>
        <p>
          <SubmitButton>{t("kb.form.save")}</SubmitButton>
        </p>
      </AppForm>
      {loaded.versions.length > 0 ? (
        <section>
          <h2>{t("kb.form.history")}</h2>
          <ul>
            {loaded.versions.map((v) => (
              <li key={v.version}>
                {t("kb.form.version", { version: v.version })} · {v.title} · {t(STATUS_LABEL[v.status])} · {dateTime(v.createdAt)}
                {v.editorName ? ` · ${v.editorName}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {loaded.feedback.length > 0 ? (
        <section>
          <h2>{t("kb.form.feedback")}</h2>
          <ul>
            {loaded.feedback.map((f, i) => (
              <li key={i}>
                {f.helpful ? t("kb.feedback.yes") : t("kb.feedback.no")} · {dateTime(f.createdAt)}: {f.comment}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
