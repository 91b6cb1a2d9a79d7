import { relations, sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { localeEnum, organisations, users } from "./accounts";
import { products } from "./licensing";
import { tsvector } from "./search";
import { tickets } from "./tickets";

export const kbVisibilityEnum = pgEnum("kb_visibility", ["public", "customers", "staff"]);
export const kbStatusEnum = pgEnum("kb_status", ["draft", "published"]);

export const kbCategories = pgTable(
  "kb_categories",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    nameEn: text().notNull(),
    nameRu: text().notNull(),
    position: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("kb_categories_slug_key").on(t.slug)],
);

export const kbArticles = pgTable(
  "kb_articles",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The English and Russian versions of one article share a group id. */
    translationGroupId: uuid().notNull().defaultRandom(),
    language: localeEnum().notNull(),
    slug: text().notNull(),
    title: text().notNull(),
    /** One or two sentences: the meta description and the search-result snippet. */
    summary: text().notNull().default(""),
    bodyMarkdown: text().notNull(),
    /** Rendered and sanitised when saved; pages print this. */
    bodyHtml: text().notNull(),
    categoryId: uuid().references(() => kbCategories.id, { onDelete: "set null" }),
    visibility: kbVisibilityEnum().notNull().default("public"),
    status: kbStatusEnum().notNull().default("draft"),
    authorId: uuid().references(() => users.id, { onDelete: "set null" }),
    sourceTicketId: uuid().references(() => tickets.id, { onDelete: "set null" }),
    version: integer().notNull().default(1),
    helpfulYes: integer().notNull().default(0),
    helpfulNo: integer().notNull().default(0),
    deflections: integer().notNull().default(0),
    publishedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector(case when language = 'ru' then 'russian'::regconfig else 'english'::regconfig end, title), 'A') || setweight(to_tsvector(case when language = 'ru' then 'russian'::regconfig else 'english'::regconfig end, summary), 'B') || setweight(to_tsvector(case when language = 'ru' then 'russian'::regconfig else 'english'::regconfig end, body_markdown), 'C')`,
    ),
  },
  (t) => [
    uniqueIndex("kb_articles_slug_key").on(t.language, t.slug),
    uniqueIndex("kb_articles_translation_key").on(t.translationGroupId, t.language),
    index("kb_articles_search_idx").using("gin", t.searchVector),
    index("kb_articles_listing_idx").on(t.status, t.visibility, t.language, t.updatedAt),
    index("kb_articles_category_idx").on(t.categoryId),
  ],
);

/** Products an article applies to (and, for `customers` visibility, whose licence holders may read it). */
export const kbArticleProducts = pgTable(
  "kb_article_products",
  {
    articleId: uuid()
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.productId] }), index("kb_article_products_product_idx").on(t.productId)],
);

/** Every saved state of an article (the current one included). */
export const kbArticleVersions = pgTable(
  "kb_article_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    articleId: uuid()
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    version: integer().notNull(),
    title: text().notNull(),
    summary: text().notNull(),
    bodyMarkdown: text().notNull(),
    status: kbStatusEnum().notNull(),
    editorId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("kb_article_versions_key").on(t.articleId, t.version)],
);

export const kbFeedback = pgTable(
  "kb_feedback",
  {
    id: uuid().primaryKey().defaultRandom(),
    articleId: uuid()
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    helpful: boolean().notNull(),
    comment: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("kb_feedback_article_idx").on(t.articleId, t.createdAt)],
);

/**
 * A new-ticket form being written: the articles suggested beside it, whether one of them
 * solved the problem (the draft is then abandoned and counted once), and the ticket it became.
 */
export const kbDrafts = pgTable(
  "kb_drafts",
  {
    id: uuid().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid().references(() => organisations.id, { onDelete: "cascade" }),
    deflectedArticleId: uuid().references(() => kbArticles.id, { onDelete: "set null" }),
    deflectedAt: timestamp({ withTimezone: true }),
    ticketId: uuid().references(() => tickets.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("kb_drafts_ticket_idx").on(t.ticketId), index("kb_drafts_deflected_idx").on(t.deflectedArticleId)],
);

export const kbDraftSuggestions = pgTable(
  "kb_draft_suggestions",
  {
    draftId: uuid()
      .notNull()
      .references(() => kbDrafts.id, { onDelete: "cascade" }),
    articleId: uuid()
      .notNull()
      .references(() => kbArticles.id, { onDelete: "cascade" }),
    opened: boolean().notNull().default(false),
    suggestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.draftId, t.articleId] })],
);

/** Images for article bodies, uploaded through the attachment checks; served at /kb/images/<id>. */
export const kbImages = pgTable("kb_images", {
  id: uuid().primaryKey().defaultRandom(),
  uploaderId: uuid().references(() => users.id, { onDelete: "set null" }),
  fileName: text().notNull(),
  contentType: text().notNull(),
  size: integer().notNull(),
  sha256: text().notNull(),
  storagePath: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const kbArticlesRelations = relations(kbArticles, ({ one, many }) => ({
  category: one(kbCategories, { fields: [kbArticles.categoryId], references: [kbCategories.id] }),
  products: many(kbArticleProducts),
}));
export const kbArticleProductsRelations = relations(kbArticleProducts, ({ one }) => ({
  article: one(kbArticles, { fields: [kbArticleProducts.articleId], references: [kbArticles.id] }),
  product: one(products, { fields: [kbArticleProducts.productId], references: [products.id] }),
}));

export type KbArticle = typeof kbArticles.$inferSelect;
export type KbCategory = typeof kbCategories.$inferSelect;
