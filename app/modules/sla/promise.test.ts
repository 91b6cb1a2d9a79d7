import { describe, expect, it } from "vitest";
import { formatDueMoment, formatResponsePromise, formatTargetDuration, promiseFromClocks } from "./promise";

// Monday 2 March 2026, 13:30 in Moscow (UTC+3).
const DUE = new Date("2026-03-02T10:30:00Z");

describe("formatResponsePromise", () => {
  it("says the promise in the customer's language and time zone", () => {
    const promise = { kind: "answer_by" as const, clock: "first_response" as const, targetMinutes: 240, dueAt: DUE };
    expect(formatResponsePromise(promise, { locale: "en", timeZone: "Europe/Moscow" })).toBe("We answer within 4 business hours — by Mon 13:30 MSK");
    expect(formatResponsePromise(promise, { locale: "ru", timeZone: "Europe/Moscow" })).toBe("Мы ответим в течение 4 рабочих часов — до пн 13:30 МСК");
    expect(formatResponsePromise(promise, { locale: "en", timeZone: "Europe/Berlin" })).toMatch(/^We answer within 4 business hours — by Mon 11:30 (CET|GMT\+1)$/);
  });

  it("promises nothing for free products", () => {
    expect(formatResponsePromise({ kind: "no_commitment" }, { locale: "en", timeZone: "UTC" })).toMatch(/no response-time commitment/);
    expect(formatResponsePromise({ kind: "none" }, { locale: "en", timeZone: "UTC" })).toBeNull();
  });
});

describe("formatTargetDuration", () => {
  it.each([
    [240, "en", "4 business hours"],
    [60, "en", "1 business hour"],
    [30, "en", "30 business minutes"],
    [90, "en", "1 h 30 min of business time"],
    [60, "ru", "1 рабочего часа"],
    [240, "ru", "4 рабочих часов"],
    [300, "ru", "5 рабочих часов"],
    [30, "ru", "30 рабочих минут"],
    [21, "ru", "21 рабочей минуты"],
  ] as const)("%d min (%s) → %s", (minutes, locale, text) => {
    expect(formatTargetDuration(minutes, locale)).toBe(text);
  });
});

describe("formatDueMoment", () => {
  it("adds the date when the moment is a week or more away", () => {
    expect(formatDueMoment(DUE, "Europe/Moscow", "en", new Date("2026-03-02T08:00:00Z"))).toBe("Mon 13:30 MSK");
    expect(formatDueMoment(DUE, "Europe/Moscow", "en", new Date("2026-02-20T08:00:00Z"))).toBe("Mon 2 Mar 13:30 MSK");
  });
});

describe("promiseFromClocks", () => {
  const running = (kind: string) => ({ kind, status: "running", targetMinutes: 240, dueAt: DUE });
  it("promises the first response, then the next one", () => {
    expect(promiseFromClocks([running("first_response")], { noResponseCommitment: false, status: "new" })).toMatchObject({ kind: "answer_by", clock: "first_response" });
    expect(
      promiseFromClocks([{ ...running("first_response"), status: "fulfilled" }, running("next_response")], { noResponseCommitment: false, status: "open" }),
    ).toMatchObject({ kind: "answer_by", clock: "next_response" });
  });

  it("says we wait for the customer while pending, and nothing once solved", () => {
    expect(promiseFromClocks([running("first_response")], { noResponseCommitment: false, status: "pending" })).toEqual({ kind: "waiting_for_customer" });
    expect(promiseFromClocks([], { noResponseCommitment: false, status: "solved" })).toEqual({ kind: "none" });
    expect(promiseFromClocks([running("first_response")], { noResponseCommitment: true, status: "new" })).toEqual({ kind: "no_commitment" });
  });
});
