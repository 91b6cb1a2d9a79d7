ALTER TYPE "public"."ticket_event_type" ADD VALUE 'site_down_cleared';--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "extra_phones" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "extra_emails" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "merged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_plans" ADD COLUMN "allows_urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "site_down_cleared_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "site_down_cleared_by" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "site_down_clear_reason" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_merged_into_id_organisations_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_site_down_cleared_by_users_id_fk" FOREIGN KEY ("site_down_cleared_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisations_phone_idx" ON "organisations" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "organisations_email_idx" ON "organisations" USING btree ("email");