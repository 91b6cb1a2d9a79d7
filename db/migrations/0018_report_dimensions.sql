DROP INDEX "sla_cycles_settled_idx";--> statement-breakpoint
DROP INDEX "tickets_solved_idx";--> statement-breakpoint
ALTER TABLE "sla_cycles" ADD COLUMN "priority" "ticket_priority";--> statement-breakpoint
ALTER TABLE "sla_cycles" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "sla_cycles" ADD COLUMN "product_id" uuid;--> statement-breakpoint
ALTER TABLE "sla_cycles" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "sla_cycles" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
CREATE INDEX "tickets_active_report_idx" ON "tickets" USING btree ("created_at","status","product_id","assignee_id","organisation_id") WHERE "tickets"."status" in ('new', 'open', 'pending', 'on_hold');--> statement-breakpoint
CREATE INDEX "sla_cycles_report_idx" ON "sla_cycles" USING btree ("settled_at","clock","breached","elapsed_minutes","fulfilled_at","priority","plan_id","product_id","assignee_id","organisation_id") WHERE "sla_cycles"."settled_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_solved_idx" ON "tickets" USING btree ("solved_at","assignee_id","product_id","organisation_id") WHERE "tickets"."solved_at" is not null;