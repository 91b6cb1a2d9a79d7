-- Copy each ticket's report dimensions onto the SLA cycles that existed before 0018 (docs/decisions/072).
UPDATE "sla_cycles" c
   SET "priority" = t."priority", "plan_id" = t."plan_id", "product_id" = t."product_id",
       "organisation_id" = t."organisation_id", "assignee_id" = t."assignee_id"
  FROM "tickets" t
 WHERE t."id" = c."ticket_id" AND c."organisation_id" IS NULL;
