-- Queue counts at constant cost (docs/decisions/095). Each statement on tickets appends its net
-- change per key to ticket_count_deltas (no row is updated, so writers never wait on each
-- other); a job folds the deltas into ticket_counts. The keys of one ticket:
CREATE FUNCTION ticket_count_keys(st text, assignee uuid, due timestamptz, warn timestamptz)
RETURNS TABLE (family text, status text, assignee_key text, bucket timestamptz)
LANGUAGE sql IMMUTABLE AS $$
  SELECT 's', st, coalesce(assignee::text, ''), 'epoch'::timestamptz
   WHERE st IN ('new', 'open', 'pending', 'on_hold')
  UNION ALL
  SELECT 'd', '', '', date_bin('1 hour', due, 'epoch'::timestamptz)
   WHERE st IN ('new', 'open', 'pending', 'on_hold') AND due IS NOT NULL
  UNION ALL
  SELECT 'w', '', '', date_bin('1 hour', warn, 'epoch'::timestamptz)
   WHERE st IN ('new', 'open', 'pending', 'on_hold') AND due IS NOT NULL AND warn IS NOT NULL AND warn <= due
  UNION ALL
  SELECT 'b', '', '', date_bin('1 hour', due, 'epoch'::timestamptz)
   WHERE st IN ('new', 'open', 'pending', 'on_hold') AND due IS NOT NULL AND warn IS NOT NULL AND warn <= due
$$;
--> statement-breakpoint
CREATE FUNCTION ticket_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_count_deltas (family, status, assignee_key, bucket, delta)
  SELECT k.family, k.status, k.assignee_key, k.bucket, count(*)::int
    FROM new_rows r CROSS JOIN LATERAL ticket_count_keys(r.status::text, r.assignee_id, r.sla_due_at, r.sla_warn_at) k
   GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION ticket_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_count_deltas (family, status, assignee_key, bucket, delta)
  SELECT k.family, k.status, k.assignee_key, k.bucket, -count(*)::int
    FROM old_rows r CROSS JOIN LATERAL ticket_count_keys(r.status::text, r.assignee_id, r.sla_due_at, r.sla_warn_at) k
   GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION ticket_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ticket_count_deltas (family, status, assignee_key, bucket, delta)
  SELECT family, status, assignee_key, bucket, sum(delta)::int
    FROM (
      SELECT k.*, -1 AS delta
        FROM old_rows r CROSS JOIN LATERAL ticket_count_keys(r.status::text, r.assignee_id, r.sla_due_at, r.sla_warn_at) k
      UNION ALL
      SELECT k.*, 1 AS delta
        FROM new_rows r CROSS JOIN LATERAL ticket_count_keys(r.status::text, r.assignee_id, r.sla_due_at, r.sla_warn_at) k
    ) changes
   GROUP BY 1, 2, 3, 4
  HAVING sum(delta) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tickets_count_insert AFTER INSERT ON tickets REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_after_insert();
--> statement-breakpoint
CREATE TRIGGER tickets_count_delete AFTER DELETE ON tickets REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_after_delete();
--> statement-breakpoint
CREATE TRIGGER tickets_count_update AFTER UPDATE ON tickets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ticket_counts_after_update();
--> statement-breakpoint
-- The tickets that exist already.
INSERT INTO ticket_counts (family, status, assignee_key, bucket, n)
SELECT k.family, k.status, k.assignee_key, k.bucket, count(*)::int
  FROM tickets t CROSS JOIN LATERAL ticket_count_keys(t.status::text, t.assignee_id, t.sla_due_at, t.sla_warn_at) k
 GROUP BY 1, 2, 3, 4;
