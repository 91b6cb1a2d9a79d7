import { bucketsBetween, type ReportFilters } from "./filters";
import { Params, bucketSql, num, rows } from "./sql.server";
import { percent } from "./stats";
import type { ReportResult } from "./tables";

type Text = (key: string) => string;

/**
 * Knowledge base report: per article, how often it was suggested beside a new-ticket form
 * (shown), opened from there, pressed "this solved it" on (a deflection: the draft was
 * abandoned, counted once per draft), and voted helpful or not — all within the period.
 * Shown and opened count suggestions made in the period; deflections count by when the button
 * was pressed; votes by when they were cast. The organisation filter keeps the drafts of that
 * organisation's contacts and the votes of its contacts; the product filter keeps articles that
 * apply to the product.
 */
export type ArticleLine = { id: string; title: string; language: string; shown: number; opened: number; deflected: number; helpful: number; notHelpful: number };

export async function knowledgeFigures(filters: ReportFilters) {
  const p = new Params();
  const from = p.add(filters.from.toISOString());
  const to = p.add(filters.to.toISOString());
  const org = filters.organisationId ? p.add(filters.organisationId) : null;
  const draftOrg = org ? ` and d.organisation_id = ${org}::uuid` : "";
  const product = filters.productId ? ` and exists (select 1 from kb_article_products ap where ap.article_id = a.id and ap.product_id = ${p.add(filters.productId)}::uuid)` : "";
  const articles = rows<ArticleLine>(
    `with shown as (
       select s.article_id, count(*)::int as shown, (count(*) filter (where s.opened))::int as opened
         from kb_draft_suggestions s join kb_drafts d on d.id = s.draft_id
        where s.suggested_at >= ${from}::timestamptz and s.suggested_at < ${to}::timestamptz${draftOrg}
        group by s.article_id),
     solved as (
       select d.deflected_article_id as article_id, count(*)::int as deflected
         from kb_drafts d
        where d.deflected_article_id is not null and d.deflected_at >= ${from}::timestamptz and d.deflected_at < ${to}::timestamptz${draftOrg}
        group by 1),
     votes as (
       select f.article_id, (count(*) filter (where f.helpful))::int as helpful, (count(*) filter (where not f.helpful))::int as not_helpful
         from kb_feedback f${org ? " join users u on u.id = f.user_id" : ""}
        where f.created_at >= ${from}::timestamptz and f.created_at < ${to}::timestamptz${org ? ` and u.organisation_id = ${org}::uuid` : ""}
        group by 1)
     select a.id, a.title, a.language::text as language,
            coalesce(shown.shown, 0)::int as shown, coalesce(shown.opened, 0)::int as opened, coalesce(solved.deflected, 0)::int as deflected,
            coalesce(votes.helpful, 0)::int as helpful, coalesce(votes.not_helpful, 0)::int as "notHelpful"
       from kb_articles a
       left join shown on shown.article_id = a.id
       left join solved on solved.article_id = a.id
       left join votes on votes.article_id = a.id
      where (shown.article_id is not null or solved.article_id is not null or votes.article_id is not null)${product}
      order by deflected desc, shown desc, a.title, a.id`,
    p,
  );
  // Drafts (new-ticket forms) that were shown at least one article, per bucket: deflected or filed as a ticket.
  const q = new Params();
  const qFrom = q.add(filters.from.toISOString());
  const qTo = q.add(filters.to.toISOString());
  const bucket = bucketSql("d.created_at", filters, q);
  const qOrg = filters.organisationId ? ` and d.organisation_id = ${q.add(filters.organisationId)}::uuid` : "";
  const qProduct = filters.productId
    ? ` and exists (select 1 from kb_draft_suggestions s2 join kb_article_products ap on ap.article_id = s2.article_id where s2.draft_id = d.id and ap.product_id = ${q.add(filters.productId)}::uuid)`
    : "";
  const drafts = rows<{ bucket: string; drafts: number; deflected: number; filed: number }>(
    `select ${bucket} as bucket, count(*)::int as drafts,
            (count(*) filter (where d.deflected_at is not null))::int as deflected,
            (count(*) filter (where d.ticket_id is not null))::int as filed
       from kb_drafts d
      where d.created_at >= ${qFrom}::timestamptz and d.created_at < ${qTo}::timestamptz${qOrg}
        and exists (select 1 from kb_draft_suggestions s where s.draft_id = d.id)${qProduct}
      group by 1`,
    q,
  );
  const [articleRows, draftRows] = await Promise.all([articles, drafts]);
  return {
    articles: articleRows.map((r) => ({ ...r, shown: num(r.shown), opened: num(r.opened), deflected: num(r.deflected), helpful: num(r.helpful), notHelpful: num(r.notHelpful) })),
    drafts: new Map(draftRows.map((r) => [r.bucket, { drafts: num(r.drafts), deflected: num(r.deflected), filed: num(r.filed) }])),
  };
}

/** How many of the top articles the chart shows (the table lists them all). */
const CHART_ARTICLES = 10;

export function knowledgeReport(f: Awaited<ReturnType<typeof knowledgeFigures>>, filters: ReportFilters, text: Text): ReportResult {
  const buckets = bucketsBetween(filters.from, filters.to, filters.groupBy, filters.timeZone);
  const trend = buckets.map((b) => ({ bucket: b, ...(f.drafts.get(b) ?? { drafts: 0, deflected: 0, filed: 0 }) }));
  const total = trend.reduce((s, r) => ({ drafts: s.drafts + r.drafts, deflected: s.deflected + r.deflected, filed: s.filed + r.filed }), { drafts: 0, deflected: 0, filed: 0 });
  const top = f.articles.filter((a) => a.deflected > 0).slice(0, CHART_ARTICLES);
  return {
    tables: [
      {
        name: "articles",
        title: "reports.kb.articles",
        sortable: true,
        columns: ["reports.kb.article", "reports.kb.language", "reports.kb.shown", "reports.kb.opened", "reports.kb.deflected", "reports.kb.deflectionRate", "reports.kb.helpful", "reports.kb.notHelpful"],
        rows: f.articles.map((a) => [
          { link: `/desk/kb/${a.id}`, text: a.title },
          a.language.toUpperCase(),
          a.shown,
          a.opened,
          a.deflected,
          { percent: percent(a.deflected, a.shown) },
          a.helpful,
          a.notHelpful,
        ]),
      },
      {
        name: "drafts",
        title: "reports.kb.drafts",
        columns: ["reports.periodStart", "reports.kb.draftsShown", "reports.kb.draftsDeflected", "reports.kb.draftsFiled", "reports.kb.deflectionRate"],
        rows: [
          ...trend.map((r) => [r.bucket, r.drafts, r.deflected, r.filed, { percent: percent(r.deflected, r.drafts) }]),
          [text("reports.total"), total.drafts, total.deflected, total.filed, { percent: percent(total.deflected, total.drafts) }],
        ],
      },
    ],
    charts: top.length
      ? [{ title: "reports.kb.topChart", kind: "bars", unit: "count", labels: top.map((a) => a.title), series: [{ label: text("reports.kb.deflected"), values: top.map((a) => a.deflected) }] }]
      : [],
  };
}
