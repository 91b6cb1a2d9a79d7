ALTER TYPE "public"."renewal_reminder_kind" ADD VALUE 'manual';--> statement-breakpoint
CREATE TABLE "sla_cycles" (
	"ticket_id" uuid NOT NULL,
	"clock" "sla_clock" NOT NULL,
	"cycle_started_at" timestamp with time zone NOT NULL,
	"target_minutes" integer NOT NULL,
	"elapsed_minutes" double precision NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"breached" boolean NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "sla_cycles_ticket_id_clock_cycle_started_at_pk" PRIMARY KEY("ticket_id","clock","cycle_started_at")
);
--> statement-breakpoint
ALTER TABLE "sla_cycles" ADD CONSTRAINT "sla_cycles_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_cycles_settled_idx" ON "sla_cycles" USING btree ("settled_at","clock") WHERE "sla_cycles"."settled_at" is not null;--> statement-breakpoint
CREATE INDEX "orders_paid_idx" ON "orders" USING btree ("paid_at") WHERE "orders"."paid_at" is not null;--> statement-breakpoint
CREATE INDEX "ticket_messages_staff_replies_idx" ON "ticket_messages" USING btree ("created_at","author_id") WHERE "ticket_messages"."from_staff" and "ticket_messages"."visibility" = 'public';--> statement-breakpoint
CREATE INDEX "tickets_created_idx" ON "tickets" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tickets_solved_idx" ON "tickets" USING btree ("solved_at") WHERE "tickets"."solved_at" is not null;--> statement-breakpoint
CREATE INDEX "time_entries_started_idx" ON "time_entries" USING btree ("started_at") WHERE "time_entries"."deleted_at" is null;