-- Written by hand: refunds the Stripe webhook recorded before `stripe_event_id` existed carry the
-- English words "Stripe refund (evt_…)" as their reason. Keep the event id in its column and
-- leave the reason empty, as the webhook records them now: pages and credit notes say it in the
-- reader's language. Reasons staff wrote (a refund with an author) are left as they are.
UPDATE "refunds"
SET "stripe_event_id" = substring("reason" from '^Stripe refund \((evt_[^)]+)\)$'),
    "reason" = ''
WHERE "created_by" IS NULL
  AND "stripe_event_id" IS NULL
  AND "reason" ~ '^Stripe refund \(evt_[^)]+\)$';
