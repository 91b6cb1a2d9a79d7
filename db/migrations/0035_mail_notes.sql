ALTER TABLE "ticket_messages" ADD COLUMN "mail_notes" jsonb;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "mail_notes" jsonb;