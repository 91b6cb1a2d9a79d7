CREATE TYPE "public"."inbound_email_outcome" AS ENUM('ticket_created', 'reply_added', 'follow_up_created', 'refused', 'unknown_rejected', 'unknown_held', 'needs_triage', 'auto_ignored', 'bounce', 'malformed', 'released');--> statement-breakpoint
CREATE TYPE "public"."inbound_email_source" AS ENUM('imap', 'resend', 'pipe');--> statement-breakpoint
CREATE TABLE "bouncing_addresses" (
	"address" text PRIMARY KEY NOT NULL,
	"last_bounce_at" timestamp with time zone NOT NULL,
	"bounces" integer DEFAULT 1 NOT NULL,
	"diagnostic" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"source" "inbound_email_source" NOT NULL,
	"from_address" text NOT NULL,
	"from_name" text DEFAULT '' NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"outcome" "inbound_email_outcome" NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"organisation_id" uuid,
	"ticket_id" uuid,
	"raw_storage_path" text,
	"raw_sha256" text,
	"raw_size" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "mailbox_poll_state" (
	"id" text PRIMARY KEY NOT NULL,
	"lease_until" timestamp with time zone,
	"lease_holder" text,
	"last_attempt_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"failures" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_imported" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "message_id" text;--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "ticket_id" uuid;--> statement-breakpoint
ALTER TABLE "emails" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_emails" ADD CONSTRAINT "inbound_emails_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_emails_dedupe_key" ON "inbound_emails" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "inbound_emails_received_idx" ON "inbound_emails" USING btree ("received_at","id");--> statement-breakpoint
CREATE INDEX "inbound_emails_open_queue_idx" ON "inbound_emails" USING btree ("outcome","received_at") WHERE "inbound_emails"."outcome" in ('unknown_held', 'needs_triage') and "inbound_emails"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "emails_message_id_key" ON "emails" USING btree ("message_id");