CREATE TYPE "public"."import_kind" AS ENUM('organisations', 'contacts', 'licences');--> statement-breakpoint
CREATE TYPE "public"."import_outcome" AS ENUM('create', 'update', 'unchanged', 'duplicate', 'error');--> statement-breakpoint
CREATE TYPE "public"."import_policy" AS ENUM('skip', 'fill', 'overwrite');--> statement-breakpoint
CREATE TYPE "public"."import_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
ALTER TYPE "public"."support_entry_kind" ADD VALUE 'imported';--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"kind" "import_kind" NOT NULL,
	"header" text NOT NULL,
	"field" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_kind_header_pk" PRIMARY KEY("kind","header")
);
--> statement-breakpoint
CREATE TABLE "import_row_outcomes" (
	"run_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"outcome" "import_outcome" NOT NULL,
	"matched_by" text,
	"matched_id" text,
	"matched_row" integer,
	"errors" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"cells" jsonb NOT NULL,
	CONSTRAINT "import_row_outcomes_run_id_row_number_pk" PRIMARY KEY("run_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "import_kind" NOT NULL,
	"file_name" text NOT NULL,
	"sheet" text,
	"policy" "import_policy" NOT NULL,
	"status" "import_status" NOT NULL,
	"mapping" jsonb NOT NULL,
	"headers" jsonb NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"counts" jsonb NOT NULL,
	"warnings" integer DEFAULT 0 NOT NULL,
	"failure" text,
	"storage_path" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "file_chunks" (
	"key" text NOT NULL,
	"seq" integer NOT NULL,
	"data" "bytea" NOT NULL,
	CONSTRAINT "file_chunks_key_seq_pk" PRIMARY KEY("key","seq")
);
--> statement-breakpoint
CREATE TABLE "file_objects" (
	"key" text PRIMARY KEY NOT NULL,
	"size" bigint DEFAULT 0 NOT NULL,
	"chunks" integer DEFAULT 0 NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "legal_form" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "kpp" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "notes" text;--> statement-breakpoint
ALTER TABLE "support_entries" ADD COLUMN "ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_entries" ADD COLUMN "price_paid_minor" integer;--> statement-breakpoint
ALTER TABLE "import_row_outcomes" ADD CONSTRAINT "import_row_outcomes_run_id_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_chunks" ADD CONSTRAINT "file_chunks_key_file_objects_key_fk" FOREIGN KEY ("key") REFERENCES "public"."file_objects"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_runs_created_idx" ON "import_runs" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "users_phone_idx" ON "users" USING btree ("phone");