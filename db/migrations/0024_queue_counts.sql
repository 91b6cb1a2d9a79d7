CREATE TABLE "ticket_count_deltas" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ticket_count_deltas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"family" text NOT NULL,
	"status" text DEFAULT '' NOT NULL,
	"assignee_key" text DEFAULT '' NOT NULL,
	"bucket" timestamp with time zone DEFAULT 'epoch'::timestamptz NOT NULL,
	"delta" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_counts" (
	"family" text NOT NULL,
	"status" text DEFAULT '' NOT NULL,
	"assignee_key" text DEFAULT '' NOT NULL,
	"bucket" timestamp with time zone DEFAULT 'epoch'::timestamptz NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "ticket_counts_family_status_assignee_key_bucket_pk" PRIMARY KEY("family","status","assignee_key","bucket")
);
--> statement-breakpoint
CREATE INDEX "tickets_active_warn_idx" ON "tickets" USING btree ("sla_warn_at") WHERE "tickets"."status" in ('new', 'open', 'pending', 'on_hold');