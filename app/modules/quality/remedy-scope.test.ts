import { describe, expect, it } from "vitest";
import { remedyRefusal, type RemedyFacts } from "./remedy-scope";

const complaint = { organisationId: "org", ticketIds: ["t1", "t2"] };
const facts = (over: Partial<RemedyFacts> = {}): RemedyFacts => ({ complaint, ...over });

describe("remedy scope", () => {
  it.each([
    [{ organisationId: "org", free: false, revoked: false }, null],
    [null, "licence_not_found"],
    [{ organisationId: "other", free: false, revoked: false }, "other_organisation"],
    [{ organisationId: "org", free: true, revoked: false }, "licence_free"],
    [{ organisationId: "org", free: false, revoked: true }, "licence_revoked"],
  ] as const)("extend support on %j → %s", (licence, expected) => {
    expect(remedyRefusal({ type: "extend_support", licenceId: "l", days: 30 }, facts({ licence }))).toBe(expected);
  });

  it("credits prepaid minutes to the complaining organisation only", () => {
    expect(remedyRefusal({ type: "credit_prepaid", organisationId: "org", minutes: 60 }, facts())).toBeNull();
    expect(remedyRefusal({ type: "credit_prepaid", organisationId: "x", minutes: 60 }, facts())).toBe("other_organisation");
  });

  const entry = { organisationId: "org", ticketId: "t1", billableMinutes: 30, billableCancelled: false, deleted: false };
  it.each([
    [entry, null],
    [null, "time_entry_not_found"],
    [{ ...entry, deleted: true }, "time_entry_not_found"],
    [{ ...entry, organisationId: "x" }, "other_organisation"],
    [{ ...entry, ticketId: "t9" }, "time_entry_not_on_complaint"],
    [{ ...entry, billableCancelled: true }, "already_cancelled"],
    [{ ...entry, billableMinutes: 0 }, "nothing_billable"],
  ] as const)("cancel billable on %j → %s", (timeEntry, expected) => {
    expect(remedyRefusal({ type: "cancel_billable", timeEntryId: "e" }, facts({ timeEntry }))).toBe(expected);
  });

  const engineer = { role: "engineer", active: true, currentAssignee: false };
  it.each([
    ["t1", engineer, null],
    ["t9", engineer, "ticket_not_on_complaint"],
    ["t1", null, "assignee_not_engineer"],
    ["t1", { ...engineer, role: "customer" }, "assignee_not_engineer"],
    ["t1", { ...engineer, role: "quality" }, "assignee_not_engineer"],
    ["t1", { ...engineer, active: false }, "assignee_not_engineer"],
    ["t1", { ...engineer, currentAssignee: true }, "already_assigned"],
    ["t2", { ...engineer, role: "team_lead" }, null],
  ] as const)("reassign %s to %j → %s", (ticketId, assignee, expected) => {
    expect(remedyRefusal({ type: "reassign_ticket", ticketId, assigneeId: "u" }, facts({ assignee }))).toBe(expected);
  });
});
