ALTER TYPE "public"."order_kind" ADD VALUE 'support_plan';--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "plan_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "plan_reminder_sent_for" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "support_plans" ADD COLUMN "price_minor" integer;--> statement-breakpoint
ALTER TABLE "support_plans" ADD COLUMN "term_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "term_months" integer;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_plan_id_support_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."support_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisations_plan_until_idx" ON "organisations" USING btree ("plan_until") WHERE "organisations"."plan_until" is not null;