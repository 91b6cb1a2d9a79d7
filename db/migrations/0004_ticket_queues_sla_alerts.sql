ALTER TABLE "tickets" ADD COLUMN "sla_alert_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_events_threshold_once" ON "sla_events" USING btree ("ticket_id","clock","type","cycle_started_at") WHERE "sla_events"."type" in ('warn', 'breach');--> statement-breakpoint
CREATE INDEX "tickets_active_due_idx" ON "tickets" USING btree ("sla_due_at","id") WHERE "tickets"."status" in ('new', 'open', 'pending', 'on_hold');--> statement-breakpoint
CREATE INDEX "tickets_active_assignee_due_idx" ON "tickets" USING btree ("assignee_id","sla_due_at","id") WHERE "tickets"."status" in ('new', 'open', 'pending', 'on_hold');--> statement-breakpoint
CREATE INDEX "tickets_sla_alert_idx" ON "tickets" USING btree ("sla_alert_at") WHERE "tickets"."sla_alert_at" is not null;--> statement-breakpoint
CREATE INDEX "tickets_solved_at_idx" ON "tickets" USING btree ("solved_at") WHERE "tickets"."status" = 'solved';--> statement-breakpoint
CREATE INDEX "tickets_vault_erase_idx" ON "tickets" USING btree ("closed_at") WHERE "tickets"."access_details_ciphertext" is not null;--> statement-breakpoint
CREATE INDEX "tickets_follow_up_idx" ON "tickets" USING btree ("follow_up_of_id");