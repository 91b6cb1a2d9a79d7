CREATE TYPE "public"."ticket_participant_kind" AS ENUM('cc', 'follower');--> statement-breakpoint
CREATE TABLE "ticket_participants" (
	"ticket_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "ticket_participant_kind" NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_participants_ticket_id_user_id_kind_pk" PRIMARY KEY("ticket_id","user_id","kind")
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "merged_into_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "merged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "split_from_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "filed_by_staff_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "eligibility_override_reason" text;--> statement-breakpoint
ALTER TABLE "ticket_participants" ADD CONSTRAINT "ticket_participants_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_participants" ADD CONSTRAINT "ticket_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_participants" ADD CONSTRAINT "ticket_participants_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ticket_participants_user_idx" ON "ticket_participants" USING btree ("user_id","kind");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_filed_by_staff_id_users_id_fk" FOREIGN KEY ("filed_by_staff_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;