CREATE TYPE "public"."inbound_queue_state" AS ENUM('queued', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "inbound_queue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"source" "inbound_email_source" NOT NULL,
	"raw" "bytea",
	"size" integer NOT NULL,
	"state" "inbound_queue_state" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"last_error" text,
	"outcome" text,
	"inbound_email_id" uuid,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "digest_days" (
	"user_id" uuid NOT NULL,
	"day" date NOT NULL,
	"tickets" integer DEFAULT 0 NOT NULL,
	"email_id" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "digest_days_user_id_day_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "notification_opt_outs" (
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_opt_outs_user_id_kind_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
ALTER TABLE "digest_days" ADD CONSTRAINT "digest_days_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_opt_outs" ADD CONSTRAINT "notification_opt_outs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_queue_dedupe_key" ON "inbound_queue" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "inbound_queue_waiting_idx" ON "inbound_queue" USING btree ("accepted_at") WHERE "inbound_queue"."state" = 'queued';--> statement-breakpoint
CREATE INDEX "inbound_queue_processed_idx" ON "inbound_queue" USING btree ("processed_at") WHERE "inbound_queue"."processed_at" is not null;