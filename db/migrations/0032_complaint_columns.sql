CREATE TYPE "public"."complaint_alert_kind" AS ENUM('warn', 'breach');--> statement-breakpoint
CREATE TYPE "public"."complaint_clock" AS ENUM('acknowledge', 'answer');--> statement-breakpoint
CREATE TABLE "complaint_answers" (
	"complaint_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"outcome" "complaint_outcome" NOT NULL,
	"text" text NOT NULL,
	"answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "complaint_answers_pk" PRIMARY KEY("complaint_id","ordinal")
);
--> statement-breakpoint
CREATE TABLE "complaint_deadline_alerts" (
	"complaint_id" uuid NOT NULL,
	"clock" "complaint_clock" NOT NULL,
	"kind" "complaint_alert_kind" NOT NULL,
	"cycle_started_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaint_deadline_alerts_pk" PRIMARY KEY("complaint_id","clock","kind","cycle_started_at")
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "investigation_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaint_answers" ADD CONSTRAINT "complaint_answers_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_deadline_alerts" ADD CONSTRAINT "complaint_deadline_alerts_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Data copy, written by hand: every complaint's `state` jsonb into the columns and rows that
-- replace it, before the jsonb is dropped. Times are taken only in the ISO form the app wrote.
CREATE FUNCTION "complaint_columns_time"(value text) RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN value ~ '^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d\d:\d\d(:\d\d)?)$' THEN value::timestamptz END
$$;--> statement-breakpoint
-- 1. A row whose jsonb the app did not read as v1 (none, another version, damaged) was read
--    from its columns: give it that reading as a v1 jsonb, so that one copy serves every row.
UPDATE "complaints" SET "state" = jsonb_build_object(
  'v', 1,
  'machine', jsonb_build_object(
    'status', "status",
    'receivedAt', to_jsonb("created_at"),
    'acknowledgedAt', to_jsonb("acknowledged_at"),
    'investigationStartedAt', CASE WHEN "status" = 'investigating' OR ("outcome" IS NOT NULL AND "answer" IS NOT NULL AND "answered_at" IS NOT NULL) THEN to_jsonb(coalesce("acknowledged_at", "created_at")) END,
    'answers', CASE WHEN "outcome" IS NOT NULL AND "answer" IS NOT NULL AND "answered_at" IS NOT NULL THEN jsonb_build_array(jsonb_build_object('outcome', "outcome", 'text', "answer", 'answeredAt', to_jsonb("answered_at"))) ELSE '[]'::jsonb END,
    'customerReply', CASE WHEN "customer_reply" IS NOT NULL AND "customer_replied_at" IS NOT NULL THEN jsonb_build_object('text', "customer_reply", 'repliedAt', to_jsonb("customer_replied_at")) END,
    'closedAt', to_jsonb("closed_at")
  ),
  'alerts', "state"->'alerts'
)
WHERE NOT coalesce(
  jsonb_typeof("state"->'machine') = 'object'
  AND "state"->'v' = '1'::jsonb
  AND "state"->'machine'->>'status' IN ('received', 'acknowledged', 'investigating', 'answered', 'closed')
  AND jsonb_typeof("state"->'machine'->'answers') = 'array'
  AND "complaint_columns_time"("state"->'machine'->>'receivedAt') IS NOT NULL,
  false
);--> statement-breakpoint
-- 2. The answers, oldest first. Entries the app skipped (unknown outcome, no time) are left out
--    and the others numbered again from 1.
INSERT INTO "complaint_answers" ("complaint_id", "ordinal", "outcome", "text", "answered_at")
SELECT c."id",
  row_number() OVER (PARTITION BY c."id" ORDER BY a.n),
  (a.e->>'outcome')::"complaint_outcome",
  coalesce(a.e->>'text', ''),
  "complaint_columns_time"(a.e->>'answeredAt')
FROM "complaints" c
CROSS JOIN LATERAL jsonb_array_elements(c."state"->'machine'->'answers') WITH ORDINALITY AS a(e, n)
WHERE a.e->>'outcome' IN ('upheld', 'partly_upheld', 'rejected')
  AND "complaint_columns_time"(a.e->>'answeredAt') IS NOT NULL;--> statement-breakpoint
-- 3. The machine's fields into the columns (the jsonb is what the state machine was replayed
--    from), and the answer in force from the last answer row.
UPDATE "complaints" c SET
  "status" = (c."state"->'machine'->>'status')::"complaint_status",
  "acknowledged_at" = "complaint_columns_time"(c."state"->'machine'->>'acknowledgedAt'),
  "investigation_started_at" = "complaint_columns_time"(c."state"->'machine'->>'investigationStartedAt'),
  "customer_reply" = CASE WHEN "complaint_columns_time"(c."state"->'machine'->'customerReply'->>'repliedAt') IS NOT NULL THEN coalesce(c."state"->'machine'->'customerReply'->>'text', '') END,
  "customer_replied_at" = "complaint_columns_time"(c."state"->'machine'->'customerReply'->>'repliedAt'),
  "closed_at" = "complaint_columns_time"(c."state"->'machine'->>'closedAt'),
  ("outcome", "answer", "answered_at") = (
    SELECT a."outcome", a."text", a."answered_at" FROM "complaint_answers" a WHERE a."complaint_id" = c."id" ORDER BY a."ordinal" DESC LIMIT 1
  );--> statement-breakpoint
-- 4. The deadline alerts already sent (`clock:kind:cycleStart` → time sent), whatever the jsonb's version.
INSERT INTO "complaint_deadline_alerts" ("complaint_id", "clock", "kind", "cycle_started_at", "sent_at")
SELECT c."id",
  split_part(al.key, ':', 1)::"complaint_clock",
  split_part(al.key, ':', 2)::"complaint_alert_kind",
  "complaint_columns_time"(substring(al.key FROM '^[a-z]+:[a-z]+:(.*)$')),
  coalesce("complaint_columns_time"(al.value), now())
FROM "complaints" c
CROSS JOIN LATERAL jsonb_each_text(CASE WHEN jsonb_typeof(c."state"->'alerts') = 'object' THEN c."state"->'alerts' ELSE '{}'::jsonb END) AS al(key, value)
WHERE al.key ~ '^(acknowledge|answer):(warn|breach):'
  AND "complaint_columns_time"(substring(al.key FROM '^[a-z]+:[a-z]+:(.*)$')) IS NOT NULL
ON CONFLICT DO NOTHING;--> statement-breakpoint
DROP FUNCTION "complaint_columns_time"(text);--> statement-breakpoint
ALTER TABLE "complaints" DROP COLUMN "state";
