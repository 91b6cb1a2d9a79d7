import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import { Snippet } from "~/components/knowledge/snippet";
import kbStyles from "../components/knowledge/kb.css?url";
import { VISIBILITY_LABEL } from "~/components/knowledge/labels";
import { kbViewer, listCategories, searchArticles } from "~/modules/knowledge/articles.server";
import { kbSearchParamsSchema } from "~/modules/knowledge/schemas";
import { getUser } from "~/modules/accounts/auth.server";
import { getEnv } from "~/utils/env.server";
import { translate } from "~/utils/i18n";
import { resolveLocale } from "~/utils/locale.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: kbStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: data.head.title },
        { name: "description", content: data.head.description },
        { tagName: "link", rel: "canonical", href: data.head.canonical },
      ]
    : [{ title: "Keydesk" }];

/** The help centre: categories, latest articles and search; public articles for everyone, more after signing in. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await resolveLocale(request, user);
  const url = new URL(request.url);
  const params = kbSearchParamsSchema.parse(Object.fromEntries(url.searchParams));
  const allLanguages = url.searchParams.get("lang") === "all";
  const language = allLanguages ? undefined : (params.lang ?? locale);
  const viewer = kbViewer(user);
  const [categories, articles] = await Promise.all([
    listCategories(viewer),
    searchArticles(viewer, { q: params.q, language, categorySlug: params.category, productSlug: params.product, limit: 30 }),
  ]);
  const category = categories.find((c) => c.slug === params.category) ?? null;
  return {
    q: params.q,
    lang: language ?? "all",
    category: category ? { slug: category.slug, name: locale === "ru" ? category.nameRu : category.nameEn } : null,
    categories: categories.map((c) => ({ slug: c.slug, name: locale === "ru" ? c.nameRu : c.nameEn })),
    articles: articles.map((a) => ({ language: a.language, slug: a.slug, title: a.title, snippet: a.snippet || a.summary, updatedAt: a.updatedAt, status: a.status, visibility: a.visibility })),
    head: {
      title: `${translate(locale, "kb.title")} · Keydesk`,
      description: translate(locale, "kb.description"),
      canonical: `${getEnv().APP_URL}/kb${category ? `?category=${encodeURIComponent(category.slug)}` : ""}`,
    },
  };
}

export default function KnowledgeBase() {
  const { q, lang, category, categories, articles } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  return (
    <>
      <h1>{category ? category.name : t("kb.title")}</h1>
      <p className="muted">{t("kb.intro")}</p>
      <Form method="get" className="search-box" role="search">
        <label htmlFor="kb-q" className="sr-only">
          {t("kb.search.label")}
        </label>
        <input id="kb-q" type="search" name="q" defaultValue={q} placeholder={t("kb.search.placeholder")} />
        <select name="lang" defaultValue={lang} aria-label={t("kb.language")}>
          <option value="en">English</option>
          <option value="ru">Русский</option>
          <option value="all">{t("kb.language.all")}</option>
        </select>
        {category ? <input type="hidden" name="category" value={category.slug} /> : null}
        <button type="submit">{t("kb.search.submit")}</button>
      </Form>
      <div className="kb-layout">
        <section aria-labelledby="kb-list-title">
          <h2 id="kb-list-title">{q ? t("kb.results", { count: articles.length }) : t("kb.latest")}</h2>
          {articles.length === 0 ? (
            <p>{t("kb.nothingFound")}</p>
          ) : (
            <ul className="kb-results">
              {articles.map((a) => (
                <li key={`${a.language}/${a.slug}`}>
                  <Link to={`/kb/${a.language}/${a.slug}`}>{a.title}</Link>{" "}
                  {a.status === "draft" ? <span className="badge warn">{t("kb.status.draft")}</span> : null}
                  {a.visibility !== "public" ? <span className="badge">{t(VISIBILITY_LABEL[a.visibility])}</span> : null}
                  <Snippet className="kb-snippet" text={a.snippet} />
                  <span className="hint">{t("kb.updated", { date: date(a.updatedAt) })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <nav aria-labelledby="kb-categories-title" className="card">
          <h2 id="kb-categories-title" style={{ marginTop: 0 }}>
            {t("kb.categories")}
          </h2>
          <ul>
            <li>
              <Link to="/kb">{t("kb.allCategories")}</Link>
            </li>
            {categories.map((c) => (
              <li key={c.slug}>
                <Link to={`/kb?category=${encodeURIComponent(c.slug)}`} aria-current={category?.slug === c.slug ? "page" : undefined}>
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </>
  );
}
