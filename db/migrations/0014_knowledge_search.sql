CREATE TYPE "public"."kb_status" AS ENUM('draft', 'published');--> statement-breakpoint
CREATE TYPE "public"."kb_visibility" AS ENUM('public', 'customers', 'staff');--> statement-breakpoint
CREATE TABLE "kb_article_products" (
	"article_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "kb_article_products_article_id_product_id_pk" PRIMARY KEY("article_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "kb_article_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body_markdown" text NOT NULL,
	"status" "kb_status" NOT NULL,
	"editor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"translation_group_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"language" "locale" NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body_markdown" text NOT NULL,
	"body_html" text NOT NULL,
	"category_id" uuid,
	"visibility" "kb_visibility" DEFAULT 'public' NOT NULL,
	"status" "kb_status" DEFAULT 'draft' NOT NULL,
	"author_id" uuid,
	"source_ticket_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"helpful_yes" integer DEFAULT 0 NOT NULL,
	"helpful_no" integer DEFAULT 0 NOT NULL,
	"deflections" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector(case when language = 'ru' then 'russian'::regconfig else 'english'::regconfig end, title), 'A') || setweight(to_tsvector(case when language = 'ru' then 'russian'::regconfig else 'english'::regconfig end, summary), 'B') || setweight(to_tsvector(case when language = 'ru' then 'russian'::regconfig else 'english'::regconfig end, body_markdown), 'C')) STORED
);
--> statement-breakpoint
CREATE TABLE "kb_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name_en" text NOT NULL,
	"name_ru" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_draft_suggestions" (
	"draft_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"opened" boolean DEFAULT false NOT NULL,
	"suggested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kb_draft_suggestions_draft_id_article_id_pk" PRIMARY KEY("draft_id","article_id")
);
--> statement-breakpoint
CREATE TABLE "kb_drafts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid,
	"deflected_article_id" uuid,
	"deflected_at" timestamp with time zone,
	"ticket_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"article_id" uuid NOT NULL,
	"user_id" uuid,
	"helpful" boolean NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uploader_id" uuid,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticket_messages" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector(case when (body) ~ '[А-Яа-яЁё]' then 'russian'::regconfig else 'english'::regconfig end, body)) STORED;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector(case when (subject || ' ' || description) ~ '[А-Яа-яЁё]' then 'russian'::regconfig else 'english'::regconfig end, subject), 'A') || setweight(to_tsvector(case when (subject || ' ' || description) ~ '[А-Яа-яЁё]' then 'russian'::regconfig else 'english'::regconfig end, description), 'B') || setweight(to_tsvector(case when (subject || ' ' || description) ~ '[А-Яа-яЁё]' then 'russian'::regconfig else 'english'::regconfig end, steps_to_reproduce), 'C')) STORED;--> statement-breakpoint
ALTER TABLE "kb_article_products" ADD CONSTRAINT "kb_article_products_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_products" ADD CONSTRAINT "kb_article_products_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_article_versions" ADD CONSTRAINT "kb_article_versions_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_category_id_kb_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."kb_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_articles" ADD CONSTRAINT "kb_articles_source_ticket_id_tickets_id_fk" FOREIGN KEY ("source_ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_draft_suggestions" ADD CONSTRAINT "kb_draft_suggestions_draft_id_kb_drafts_id_fk" FOREIGN KEY ("draft_id") REFERENCES "public"."kb_drafts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_draft_suggestions" ADD CONSTRAINT "kb_draft_suggestions_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_drafts" ADD CONSTRAINT "kb_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_drafts" ADD CONSTRAINT "kb_drafts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_drafts" ADD CONSTRAINT "kb_drafts_deflected_article_id_kb_articles_id_fk" FOREIGN KEY ("deflected_article_id") REFERENCES "public"."kb_articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_drafts" ADD CONSTRAINT "kb_drafts_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_feedback" ADD CONSTRAINT "kb_feedback_article_id_kb_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."kb_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_feedback" ADD CONSTRAINT "kb_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_images" ADD CONSTRAINT "kb_images_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_article_products_product_idx" ON "kb_article_products" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_article_versions_key" ON "kb_article_versions" USING btree ("article_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_articles_slug_key" ON "kb_articles" USING btree ("language","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_articles_translation_key" ON "kb_articles" USING btree ("translation_group_id","language");--> statement-breakpoint
CREATE INDEX "kb_articles_search_idx" ON "kb_articles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "kb_articles_listing_idx" ON "kb_articles" USING btree ("status","visibility","language","updated_at");--> statement-breakpoint
CREATE INDEX "kb_articles_category_idx" ON "kb_articles" USING btree ("category_id");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_categories_slug_key" ON "kb_categories" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "kb_drafts_ticket_idx" ON "kb_drafts" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "kb_drafts_deflected_idx" ON "kb_drafts" USING btree ("deflected_article_id");--> statement-breakpoint
CREATE INDEX "kb_feedback_article_idx" ON "kb_feedback" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE INDEX "organisations_name_trgm_idx" ON "organisations" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_email_trgm_idx" ON "users" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "licences_key_trgm_idx" ON "licences" USING gin ("key_canonical" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "ticket_messages_search_idx" ON "ticket_messages" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "tickets_search_idx" ON "tickets" USING gin ("search_vector");