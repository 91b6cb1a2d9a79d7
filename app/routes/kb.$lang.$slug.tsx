import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ActionResult } from "~/utils/messages";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AppForm, SubmitButton } from "~/components/app-form";
import { z } from "zod";
import { Notice, TextAreaField } from "~/components/forms";
import { useI18n } from "~/components/i18n";
import kbStyles from "../components/knowledge/kb.css?url";
import { isStaff } from "~/modules/accounts/permissions";
import { getArticle, kbViewer, recordFeedback } from "~/modules/knowledge/articles.server";
import { markDraftSolved, markSuggestionOpened } from "~/modules/knowledge/deflection.server";
import { feedbackSchema, KB_LANGUAGES } from "~/modules/knowledge/schemas";
import { clientAddress, getUser, requireCustomer } from "~/modules/accounts/auth.server";
import { getEnv } from "~/utils/env.server";
import { AppError, handleAppError } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { breadcrumbs } from "~/components/breadcrumbs";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: kbStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.article.title} · Keydesk` },
        { name: "description", content: data.article.summary },
        { tagName: "link", rel: "canonical", href: data.canonical },
        ...(data.translation ? [{ tagName: "link", rel: "alternate", hrefLang: data.translation.language, href: data.translation.href }] : []),
        ...(data.article.visibility !== "public" || data.article.status !== "published" ? [{ name: "robots", content: "noindex" }] : []),
      ]
    : [{ title: "Keydesk" }];

const paramsSchema = z.object({ lang: z.enum(KB_LANGUAGES), slug: z.string().max(100) });
const draftParam = (url: URL) => z.uuid().safeParse(url.searchParams.get("draft")).data ?? null;

async function load(request: Request, params: Record<string, string | undefined>) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new Response("Not found", { status: 404 });
  const user = await getUser(request);
  try {
    return { user, page: await getArticle(kbViewer(user), parsed.data.lang, parsed.data.slug) };
  } catch (error) {
    handleAppError(error);
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, page } = await load(request, params);
  const url = new URL(request.url);
  const draftId = draftParam(url);
  if (draftId && user?.role === "customer") await markSuggestionOpened(user, draftId, page.article.id);
  const appUrl = getEnv().APP_URL;
  const { article } = page;
  return {
    article: {
      id: article.id,
      title: article.title,
      summary: article.summary,
      bodyHtml: article.bodyHtml,
      language: article.language,
      visibility: article.visibility,
      status: article.status,
      updatedAt: article.updatedAt,
      deflections: article.deflections,
      helpfulYes: article.helpfulYes,
      helpfulNo: article.helpfulNo,
    },
    category: page.category ? { slug: page.category.slug, nameEn: page.category.nameEn, nameRu: page.category.nameRu } : null,
    products: page.products,
    authorName: page.authorName,
    translation: page.translation ? { ...page.translation, href: `${appUrl}/kb/${page.translation.language}/${page.translation.slug}` } : null,
    canonical: `${appUrl}/kb/${article.language}/${article.slug}`,
    draftId: user?.role === "customer" ? draftId : null,
    solved: url.searchParams.get("solved") === "1",
    staff: user ? isStaff(user.role) : false,
  };
}

type FeedbackResult = { ok: true; intent: "feedback" } | ActionResult<{ ok: false }>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, page } = await load(request, params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "solved") {
    const customer = await requireCustomer(request);
    const draftId = z.uuid().safeParse(formData.get("draftId")).data;
    if (!draftId) return data<FeedbackResult>({ ok: false, intent, formError: "kb.error.draft", fieldErrors: {} }, { status: 400 });
    try {
      await markDraftSolved(customer, draftId, page.article.id);
    } catch (error) {
      const failure = handleAppError(error);
      return data<FeedbackResult>({ ...failure.data, intent }, failure.init ?? undefined);
    }
    return redirect(`/kb/${page.article.language}/${page.article.slug}?solved=1`);
  }
  const parsed = parseForm(feedbackSchema, formData);
  if (!parsed.ok) return data<FeedbackResult>({ ok: false, intent: "feedback", formError: "kb.error.feedback", fieldErrors: parsed.fieldErrors, values: parsed.values }, { status: 400 });
  try {
    await recordFeedback(kbViewer(user), page.article.id, parsed.data, clientAddress(request));
  } catch (error) {
    if (error instanceof AppError && error.code === "rate_limited") {
      return data<FeedbackResult>({ ok: false, intent: "feedback", formError: "kb.error.feedbackLimit", fieldErrors: {}, values: parsed.values }, { status: 429 });
    }
    const failure = handleAppError(error, parsed.values);
    return data<FeedbackResult>({ ...failure.data, intent: "feedback" }, failure.init ?? undefined);
  }
  return data<FeedbackResult>({ ok: true, intent: "feedback" });
}

/** Breadcrumbs above the heading (the shell draws them). */
export const handle = breadcrumbs<typeof loader>((d, { t, locale }) => [
  { to: "/kb", label: t("kb.title") },
  ...(d.category ? [{ to: `/kb?category=${encodeURIComponent(d.category.slug)}`, label: locale === "ru" ? d.category.nameRu : d.category.nameEn }] : []),
  { label: d.article.title },
]);

export default function ArticlePage() {
  const { article, products, authorName, translation, draftId, solved, staff } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date } = useI18n();
  const failed = result && !result.ok ? result : null;
  return (
    <article lang={article.language}>
      <h1>{article.title}</h1>
      <p className="hint">
        {t("kb.updated", { date: date(article.updatedAt) })}
        {authorName ? ` · ${authorName}` : ""}
        {products.length > 0 ? ` · ${t("kb.appliesTo")}: ${products.map((p) => p.name).join(", ")}` : ""}
        {translation ? (
          <>
            {" · "}
            <Link to={`/kb/${translation.language}/${translation.slug}`} hrefLang={translation.language} lang={translation.language}>
              {translation.language === "ru" ? "Читать по-русски" : "Read in English"}
            </Link>
          </>
        ) : null}
      </p>
      {article.status === "draft" ? <p className="badge warn">{t("kb.status.draft")}</p> : null}
      {staff ? (
        <p className="hint">
          <Link to={`/desk/kb/${article.id}`}>{t("kb.edit")}</Link> · {t("kb.stats", { deflections: article.deflections, yes: article.helpfulYes, no: article.helpfulNo })}
        </p>
      ) : null}
      {solved ? <Notice>{t("kb.solved.thanks")}</Notice> : null}
      {draftId && !solved ? (
        <section className="card" aria-labelledby="kb-solved-title">
          <h2 id="kb-solved-title" style={{ marginTop: 0 }}>
            {t("kb.solved.question")}
          </h2>
          <AppForm method="post" className="toolbar" result={result?.intent === "solved" ? result : null}>
            <input type="hidden" name="draftId" value={draftId} />
            <SubmitButton name="intent" value="solved">
              {t("kb.solved.button")}
            </SubmitButton>
            <Link to="/portal/tickets/new">{t("kb.solved.continue")}</Link>
          </AppForm>
          <p className="hint">{t("kb.solved.hint")}</p>
        </section>
      ) : null}
      {solved ? (
        <p>
          <Link to="/portal/tickets">{t("kb.solved.back")}</Link>
        </p>
      ) : null}
      <div className="kb-article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      <section className="card" aria-labelledby="kb-feedback-title">
        <h2 id="kb-feedback-title" style={{ marginTop: 0 }}>
          {t("kb.feedback.question")}
        </h2>
        {result?.ok ? (
          <Notice>{t("kb.feedback.thanks")}</Notice>
        ) : (
          <AppForm method="post" intent="feedback" schema={feedbackSchema} result={result}>
            <TextAreaField label={t("kb.feedback.comment")} name="comment" rows={3} maxLength={2000} defaultValue={failed?.values?.comment ?? ""} />
            <p className="toolbar">
              <SubmitButton name="helpful" value="yes">
                {t("kb.feedback.yes")}
              </SubmitButton>
              <SubmitButton name="helpful" value="no" className="secondary">
                {t("kb.feedback.no")}
              </SubmitButton>
            </p>
          </AppForm>
        )}
      </section>
    </article>
  );
}
