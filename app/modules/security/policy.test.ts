import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SECURITY_SETTINGS, describeUserAgent, needsReconfirmation, sessionAlive, shouldTouch, twoFactorRequired } from "./policy";

const H = 3600_000;
const T0 = new Date("2026-12-02T10:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("twoFactorRequired", () => {
  it.each([
    ["admin", true],
    ["team_lead", true],
    ["engineer", true],
    ["quality", true],
    ["customer", false],
  ] as const)("%s → %s when the setting is on; never when it is off", (role, required) => {
    expect(twoFactorRequired(role, { requireTwoFactorForStaff: true })).toBe(required);
    expect(twoFactorRequired(role, { requireTwoFactorForStaff: false })).toBe(false);
  });
});

describe("sessionAlive", () => {
  const settings = DEFAULT_SECURITY_SETTINGS;
  const session = (lastSeenMs: number) => ({ createdAt: T0, lastSeenAt: at(lastSeenMs), expiresAt: at(30 * 24 * H) });

  it("ends staff sessions after 12 idle hours and customer sessions after 30 idle days", () => {
    expect(sessionAlive(session(0), "engineer", settings, at(12 * H - 1))).toBe(true);
    expect(sessionAlive(session(0), "engineer", settings, at(12 * H))).toBe(false);
    expect(sessionAlive(session(0), "customer", settings, at(12 * H))).toBe(true);
    expect(sessionAlive(session(0), "customer", settings, at(30 * 24 * H))).toBe(false);
  });

  it("is the simple reference: before the absolute end and within the idle limit", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("customer" as const, "engineer" as const),
        fc.integer({ min: 0, max: 40 * 24 }),
        fc.integer({ min: 0, max: 40 * 24 }),
        (role, lastSeenHours, nowHours) => {
          const s = session(lastSeenHours * H);
          const now = at(nowHours * H);
          const idleLimit = role === "customer" ? 30 * 24 * H : 12 * H;
          const expected = nowHours * H < 30 * 24 * H && now.getTime() - s.lastSeenAt.getTime() < idleLimit;
          expect(sessionAlive(s, role, settings, now)).toBe(expected);
        },
      ),
    );
  });

  it("honours a shorter absolute lifetime in the settings for sessions made before the change", () => {
    expect(sessionAlive(session(2 * 24 * H), "customer", { ...settings, absoluteLifetimeDays: 1 }, at(2 * 24 * H))).toBe(false);
  });
});

describe("touch and re-confirmation", () => {
  it("writes last-seen at most once a minute", () => {
    expect(shouldTouch(T0, at(59_999))).toBe(false);
    expect(shouldTouch(T0, at(60_000))).toBe(true);
  });
  it("asks again after 15 minutes", () => {
    expect(needsReconfirmation(T0, at(15 * 60_000))).toBe(false);
    expect(needsReconfirmation(T0, at(15 * 60_000 + 1))).toBe(true);
  });
});

describe("describeUserAgent", () => {
  it.each([
    ["Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0", "Firefox", "Linux"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "Windows"],
    [null, "", ""],
  ])("%s → %s on %s", (ua, browser, os) => {
    expect(describeUserAgent(ua)).toEqual({ browser, os });
  });
});
