import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignmentNotices,
  DIGEST_FROM_HOUR,
  DIGEST_UNTIL_HOUR,
  digestDayDue,
  endOfLocalDay,
  isMandatory,
  NOTIFICATION_KINDS,
  notificationKindsFor,
  turnedOffFromForm,
  wantsEmail,
  type NotificationRole,
} from "./rules";

const ROLES: NotificationRole[] = ["customer", "engineer", "team_lead", "quality", "admin"];

describe("which emails a user may turn off", () => {
  it("only a team lead's SLA breach emails and staff's site-down emails are mandatory", () => {
    for (const role of ROLES) {
      for (const kind of NOTIFICATION_KINDS) {
        expect(isMandatory(role, kind), `${role} ${kind}`).toBe((role === "team_lead" && kind === "sla_breach") || (role !== "customer" && kind === "site_down"));
      }
    }
  });

  it("customers and staff see their own kinds; the digest is for team leads only", () => {
    expect(notificationKindsFor("customer")).not.toContain("sla_breach");
    expect(notificationKindsFor("engineer")).not.toContain("daily_digest");
    expect(notificationKindsFor("team_lead")).toContain("daily_digest");
    expect(notificationKindsFor("engineer")).not.toContain("ticket_replied");
  });

  it("everything is on by default; a turned-off kind is off unless mandatory", () => {
    expect(wantsEmail("customer", [], "ticket_replied")).toBe(true);
    expect(wantsEmail("customer", ["ticket_replied"], "ticket_replied")).toBe(false);
    expect(wantsEmail("engineer", ["sla_breach"], "sla_breach")).toBe(false);
    expect(wantsEmail("team_lead", ["sla_breach"], "sla_breach")).toBe(true);
  });

  it("a form without the mandatory kind is refused; unknown values are ignored", () => {
    expect(turnedOffFromForm("team_lead", ["ticket_assigned", "nonsense"])).toEqual({
      off: ["customer_replied", "sla_warning", "daily_digest"],
      refused: ["sla_breach"],
    });
    expect(turnedOffFromForm("engineer", [])).toEqual({ off: ["ticket_assigned", "customer_replied", "sla_warning", "sla_breach"], refused: [] });
    // "Site is down" is no preference: a form can neither turn it off nor is refused without it.
    expect(turnedOffFromForm("team_lead", ["sla_breach"]).off).not.toContain("site_down");
    expect(turnedOffFromForm("quality", [])).toEqual({ off: [], refused: [] });
  });
});

describe("assignmentNotices", () => {
  const cases: Array<[string, { from: string | null; to: string | null; actorId: string | null }, ReturnType<typeof assignmentNotices>]> = [
    ["a claim tells nobody", { from: null, to: "e", actorId: "e" }, []],
    ["a lead assigns an unassigned ticket", { from: null, to: "e", actorId: "l" }, [{ userId: "e", kind: "assigned" }]],
    ["a lead reassigns", { from: "a", to: "b", actorId: "l" }, [{ userId: "b", kind: "reassigned_to_you" }, { userId: "a", kind: "reassigned_away" }]],
    ["an engineer hands their ticket on", { from: "a", to: "b", actorId: "a" }, [{ userId: "b", kind: "reassigned_to_you" }]],
    ["a lead takes a ticket over", { from: "a", to: "l", actorId: "l" }, [{ userId: "a", kind: "reassigned_away" }]],
    ["unassigning tells nobody", { from: "a", to: null, actorId: "l" }, []],
    ["no change", { from: "a", to: "a", actorId: "l" }, []],
    ["a system change (remedy without actor) tells both", { from: "a", to: "b", actorId: null }, [{ userId: "b", kind: "reassigned_to_you" }, { userId: "a", kind: "reassigned_away" }]],
  ];
  it.each(cases)("%s", (_, change, expected) => {
    expect(assignmentNotices(change)).toEqual(expected);
  });
});

/** The reference: the local wall clock by Intl (not luxon), and the window as plain numbers. */
function referenceDigestDay(now: Date, timeZone: string): string | null {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const hour = Number(parts.hour);
  return hour >= DIGEST_FROM_HOUR && hour < DIGEST_UNTIL_HOUR ? `${parts.year}-${parts.month}-${parts.day}` : null;
}

const ZONES = ["Europe/Moscow", "Asia/Vladivostok", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "America/St_Johns", "Europe/Berlin", "Pacific/Chatham", "UTC", "Australia/Lord_Howe"];

describe("digestDayDue", () => {
  it("is the lead's local day from 08:00 to noon in their zone, and null otherwise (against Intl)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T23:59:59Z"), noInvalidDate: true }), fc.constantFrom(...ZONES), (now, zone) => {
        expect(digestDayDue(now, zone)).toBe(referenceDigestDay(now, zone));
      }),
      { numRuns: 3000 },
    );
    // 3 000 cases against Intl take a few seconds beside the end-to-end run on a busy machine.
  }, 30_000);

  it("a quarter-hourly run finds each local day due at least once, whatever the zone's offset", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.constantFrom(...ZONES), (dayOffset, zone) => {
        const start = Date.UTC(2026, 0, 1) + dayOffset * 86_400_000;
        const due = new Set<string>();
        for (let t = start - 86_400_000; t < start + 2 * 86_400_000; t += 15 * 60_000) {
          const day = digestDayDue(new Date(t), zone);
          if (day) due.add(day);
        }
        // Three UTC days of runs cover at least two whole local days.
        expect(due.size).toBeGreaterThanOrEqual(2);
      }),
      { numRuns: 200 },
    );
  });

  it("examples: Moscow at 07:59 and 08:00, an unknown zone", () => {
    expect(digestDayDue(new Date("2026-03-03T04:59:00Z"), "Europe/Moscow")).toBeNull();
    expect(digestDayDue(new Date("2026-03-03T05:00:00Z"), "Europe/Moscow")).toBe("2026-03-03");
    expect(digestDayDue(new Date("2026-03-03T05:00:00Z"), "Not/A_Zone")).toBeNull();
  });
});

describe("endOfLocalDay", () => {
  it("is the next local midnight", () => {
    expect(endOfLocalDay(new Date("2026-03-03T05:30:00Z"), "Europe/Moscow").toISOString()).toBe("2026-03-03T21:00:00.000Z");
    // New York springs forward on 8 March 2026: that day has 23 hours.
    expect(endOfLocalDay(new Date("2026-03-08T13:00:00Z"), "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
  });
});
