import { pageTitle } from "~/utils/i18n";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useI18n } from "~/components/i18n";
import kbStyles from "../components/knowledge/kb.css?url";
import { STATUS_LABEL, VISIBILITY_LABEL } from "~/components/knowledge/labels";
import { listArticlesForStaff } from "~/modules/knowledge/articles.server";
import { kbSearchParamsSchema } from "~/modules/knowledge/schemas";
import { can } from "~/modules/accounts/permissions";
import { requirePermission } from "~/modules/accounts/auth.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "title.knowledgeBase") }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: kbStyles }];

/** Staff: every article (drafts too) with how often it was helpful and how many tickets it deflected. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "write:article:any");
  const params = kbSearchParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const articles = await listArticlesForStaff(user, { q: params.q, language: params.lang });
  return { q: params.q, lang: params.lang ?? "", articles, canReadReports: can(user, "read:report:any") };
}

export default function DeskKnowledgeBase() {
  const { q, lang, articles, canReadReports } = useLoaderData<typeof loader>();
  const { t, date } = useI18n();
  return (
    <>
      <h1>{t("kb.desk.title")}</h1>
      <p className="toolbar">
        <Link className="button" to="/desk/kb/new">
          {t("kb.desk.new")}
        </Link>
        <Link to="/kb">{t("kb.desk.public")}</Link>
        {canReadReports ? <Link to="/desk/reports/knowledge">{t("reports.kb.articles")}</Link> : null}
      </p>
      <Form method="get" className="search-box" role="search">
        <label htmlFor="desk-kb-q" className="sr-only">
          {t("kb.search.label")}
        </label>
        <input id="desk-kb-q" type="search" name="q" defaultValue={q} placeholder={t("kb.search.placeholder")} />
        <select name="lang" defaultValue={lang} aria-label={t("kb.language")}>
          <option value="">{t("kb.language.all")}</option>
          <option value="en">English</option>
          <option value="ru">Русский</option>
        </select>
        <button type="submit">{t("kb.search.submit")}</button>
      </Form>
      <table>
        <caption className="sr-only">{t("kb.desk.title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("kb.form.title")}</th>
            <th scope="col">{t("kb.language")}</th>
            <th scope="col">{t("kb.form.visibility")}</th>
            <th scope="col">{t("kb.form.status")}</th>
            <th scope="col">{t("kb.desk.helpful")}</th>
            <th scope="col">{t("kb.desk.deflections")}</th>
            <th scope="col">{t("kb.desk.updated")}</th>
          </tr>
        </thead>
        <tbody>
          {articles.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/desk/kb/${a.id}`}>{a.title}</Link>
              </td>
              <td>{a.language.toUpperCase()}</td>
              <td>{t(VISIBILITY_LABEL[a.visibility])}</td>
              <td>{t(STATUS_LABEL[a.status])}</td>
              <td>
                {a.helpfulYes} / {a.helpfulNo}
              </td>
              <td>{a.deflections}</td>
              <td>{date(a.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {articles.length === 0 ? <p>{t("kb.nothingFound")}</p> : null}
    </>
  );
}
