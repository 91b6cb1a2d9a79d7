-- The Priority plan (SPEC §4) allows urgent tickets: a "site is down" ticket on it is filed as urgent.
UPDATE "support_plans" SET "allows_urgent" = true WHERE "slug" = 'priority';
