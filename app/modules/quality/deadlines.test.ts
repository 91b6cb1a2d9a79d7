import { describe, expect, it } from "vitest";
import { DEFAULT_CALENDAR } from "../sla/business-hours";
import { newComplaint, transitionComplaint, type ComplaintAction, type ComplaintState } from "./complaint-state";
import { complaintDeadlines, deadlineAlertKey, deadlineStatus, dueDeadlineAlerts, nextDeadline } from "./deadlines";

// Monday 2 March 2026, 10:00 Moscow (07:00 UTC): the first business minute of the week.
const monday10 = new Date("2026-03-02T07:00:00Z");
const cal = DEFAULT_CALENDAR;

function apply(state: ComplaintState, action: ComplaintAction, at: Date): ComplaintState {
  const r = transitionComplaint(state, action, at);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.state;
}

describe("complaint deadlines", () => {
  it("acknowledge within 1 business day and answer within 3, warning at 75 %", () => {
    const [ack, answer] = complaintDeadlines(newComplaint(monday10), cal, 1);
    expect(ack!.dueAt.toISOString()).toBe("2026-03-02T15:00:00.000Z"); // Mon 18:00 MSK
    expect(ack!.warnAt.toISOString()).toBe("2026-03-02T13:00:00.000Z"); // Mon 16:00 MSK
    expect(answer!.dueAt.toISOString()).toBe("2026-03-04T15:00:00.000Z"); // Wed 18:00 MSK
    expect(answer!.warnAt.toISOString()).toBe("2026-03-04T09:00:00.000Z"); // Wed 12:00 MSK
  });

  it("a complaint received on Friday evening is due on Monday", () => {
    const [ack] = complaintDeadlines(newComplaint(new Date("2026-03-06T16:00:00Z")), cal, 1); // Fri 19:00 MSK
    expect(ack!.dueAt.toISOString()).toBe("2026-03-09T15:00:00.000Z");
  });

  it("reports running, warning, breached, met and met late", () => {
    const [ack] = complaintDeadlines(newComplaint(monday10), cal, 1);
    expect(deadlineStatus(ack!, new Date("2026-03-02T08:00:00Z"))).toBe("running");
    expect(deadlineStatus(ack!, new Date("2026-03-02T13:00:00Z"))).toBe("warning");
    expect(deadlineStatus(ack!, new Date("2026-03-02T15:00:00Z"))).toBe("breached");
    expect(deadlineStatus({ ...ack!, metAt: new Date("2026-03-02T09:00:00Z") }, new Date("2026-03-09T00:00:00Z"))).toBe("met");
    expect(deadlineStatus({ ...ack!, metAt: new Date("2026-03-03T09:00:00Z") }, new Date("2026-03-09T00:00:00Z"))).toBe("met_late");
  });

  it("restarts the answer clock from the customer's reply", () => {
    let state = newComplaint(monday10);
    state = apply(state, { type: "acknowledge" }, new Date("2026-03-02T08:00:00Z"));
    state = apply(state, { type: "startInvestigation" }, new Date("2026-03-02T08:00:00Z"));
    state = apply(state, { type: "answer", outcome: "rejected", text: "No" }, new Date("2026-03-03T08:00:00Z"));
    expect(complaintDeadlines(state, cal, 1)[1]!.metAt).toEqual(new Date("2026-03-03T08:00:00Z"));
    const replyAt = new Date("2026-03-10T07:00:00Z"); // Tue 10:00 MSK
    state = apply(state, { type: "customerReply", text: "Please look again" }, replyAt);
    const answer = complaintDeadlines(state, cal, 1)[1]!;
    expect(answer.startedAt).toEqual(replyAt);
    expect(answer.metAt).toBeNull();
    expect(answer.dueAt.toISOString()).toBe("2026-03-12T15:00:00.000Z");
    expect(nextDeadline(complaintDeadlines(state, cal, 1))?.clock).toBe("answer");
  });

  it("sends each alert once per clock cycle, and only the breach when first seen late", () => {
    const deadlines = complaintDeadlines(newComplaint(monday10), cal, 1);
    const warnTime = new Date("2026-03-02T13:30:00Z");
    const first = dueDeadlineAlerts(deadlines, {}, warnTime);
    expect(first.map((a) => [a.clock, a.kind])).toEqual([["acknowledge", "warn"]]);
    const sent = { [first[0]!.key]: warnTime.toISOString() };
    expect(dueDeadlineAlerts(deadlines, sent, warnTime)).toEqual([]);
    const late = dueDeadlineAlerts(deadlines, {}, new Date("2026-03-05T08:00:00Z"));
    expect(late.map((a) => [a.clock, a.kind])).toEqual([
      ["acknowledge", "breach"],
      ["answer", "breach"],
    ]);
    expect(late[0]!.key).toBe(deadlineAlertKey("acknowledge", "breach", monday10));
  });

  it("sends nothing for met clocks", () => {
    let state = apply(newComplaint(monday10), { type: "acknowledge" }, new Date("2026-03-02T08:00:00Z"));
    state = apply(state, { type: "startInvestigation" }, new Date("2026-03-02T08:00:00Z"));
    state = apply(state, { type: "answer", outcome: "upheld", text: "Yes" }, new Date("2026-03-02T09:00:00Z"));
    expect(dueDeadlineAlerts(complaintDeadlines(state, cal, 1), {}, new Date("2026-04-01T00:00:00Z"))).toEqual([]);
    expect(nextDeadline(complaintDeadlines(state, cal, 1))).toBeNull();
  });
});

describe("the acknowledgement target follows the setting", () => {
  it("two business days from Monday 10:00 end on Tuesday 18:00, and the answer target does not move", () => {
    const monday = new Date("2026-03-02T07:00:00Z"); // Mon 10:00 MSK
    const [one, answerOne] = complaintDeadlines(newComplaint(monday), cal, 1);
    const [two, answerTwo] = complaintDeadlines(newComplaint(monday), cal, 2);
    expect(one!.dueAt.toISOString()).toBe("2026-03-02T15:00:00.000Z");
    expect(two!.dueAt.toISOString()).toBe("2026-03-03T15:00:00.000Z");
    expect(answerTwo!.dueAt).toEqual(answerOne!.dueAt);
  });
});
