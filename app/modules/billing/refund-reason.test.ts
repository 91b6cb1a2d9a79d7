import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refundReasonForAudit, refundReasonIn, systemRefundReason } from "./refund-reason";

const CYRILLIC = /[А-Яа-яЁё]/;

describe("refundReasonIn: why a refund was made, in the reader's language", () => {
  it.each([
    { name: "a Stripe refund, English", refund: { reason: "", stripeEventId: "evt_1Q2w3E" }, locale: "en" as const, expected: "Refunded in Stripe (event evt_1Q2w3E)" },
    { name: "a Stripe refund, Russian", refund: { reason: "", stripeEventId: "evt_1Q2w3E" }, locale: "ru" as const, expected: "Возврат в Stripe (событие evt_1Q2w3E)" },
    { name: "staff's words, English reader", refund: { reason: "Вернули по договорённости", stripeEventId: null }, locale: "en" as const, expected: "Вернули по договорённости" },
    { name: "staff's words, Russian reader", refund: { reason: "Goodwill: late answer", stripeEventId: null }, locale: "ru" as const, expected: "Goodwill: late answer" },
    { name: "staff's words that look like a key", refund: { reason: "refund.reason.stripeEvent", stripeEventId: null }, locale: "ru" as const, expected: "refund.reason.stripeEvent" },
  ])("$name", ({ refund, locale, expected }) => {
    expect(refundReasonIn(refund, locale)).toBe(expected);
  });

  const eventId = fc.stringMatching(/^evt_[A-Za-z0-9]{1,40}$/);

  it("a Stripe refund names its event in both languages, with no English for a Russian reader", () => {
    fc.assert(
      fc.property(eventId, fc.string(), (id, leftover) => {
        const refund = { reason: leftover, stripeEventId: id };
        const en = refundReasonIn(refund, "en");
        const ru = refundReasonIn(refund, "ru");
        expect(en).toContain(id);
        expect(ru).toContain(id);
        expect(en).not.toMatch(CYRILLIC);
        expect(ru.replace(id, "").replace("Stripe", "")).not.toMatch(/[A-Za-z]/);
        expect(en).not.toBe(ru);
      }),
    );
  });

  it("staff's words are said as they were written, whoever reads them", () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom("en" as const, "ru" as const), (reason, locale) => {
        expect(refundReasonIn({ reason, stripeEventId: null }, locale)).toBe(reason);
        expect(systemRefundReason({ reason, stripeEventId: null })).toBeNull();
        expect(refundReasonForAudit({ reason, stripeEventId: null })).toBe(reason);
      }),
    );
  });

  it("the audit log keeps a Stripe refund's reason as the message, not as words", () => {
    expect(refundReasonForAudit({ reason: "", stripeEventId: "evt_9" })).toEqual({ key: "refund.reason.stripeEvent", params: { event: "evt_9" } });
  });
});
