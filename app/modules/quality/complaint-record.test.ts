import { describe, expect, it } from "vitest";
import { columnsFromState, fromStoredState, stateFromColumns, toStoredState } from "./complaint-record";
import { newComplaint, transitionComplaint, type ComplaintState } from "./complaint-state";

const t0 = new Date("2026-03-02T08:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

function walk(): ComplaintState {
  let state = newComplaint(t0);
  const steps = [
    { action: { type: "acknowledge" as const }, at: at(10) },
    { action: { type: "startInvestigation" as const }, at: at(20) },
    { action: { type: "answer" as const, outcome: "partly_upheld" as const, text: " We checked. " }, at: at(30) },
    { action: { type: "customerReply" as const, text: "Not enough" }, at: at(40) },
    { action: { type: "answer" as const, outcome: "upheld" as const, text: "Second look" }, at: at(50) },
  ];
  for (const step of steps) {
    const result = transitionComplaint(state, step.action, step.at);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    state = result.state;
  }
  return state;
}

describe("stored complaint state", () => {
  it("round-trips through JSON with its alerts", () => {
    const state = walk();
    const stored = JSON.parse(JSON.stringify(toStoredState(state, { "answer:warn:x": "2026-03-03T00:00:00.000Z" })));
    const back = fromStoredState(stored, { ...columnsFromState(state), createdAt: t0 });
    expect(back.state).toEqual(state);
    expect(back.alerts).toEqual({ "answer:warn:x": "2026-03-03T00:00:00.000Z" });
  });

  it("mirrors the latest answer and the reply into the flat columns", () => {
    const columns = columnsFromState(walk());
    expect(columns).toMatchObject({ status: "answered", outcome: "upheld", answer: "Second look", answeredAt: at(50), customerReply: "Not enough", customerRepliedAt: at(40), acknowledgedAt: at(10) });
  });

  it.each([{}, null, { v: 2 }, { v: 1, machine: { status: "weird", receivedAt: "x" } }])("rebuilds from the columns when the jsonb is %j", (value) => {
    const columns = { status: "answered" as const, createdAt: t0, acknowledgedAt: at(5), answeredAt: at(9), closedAt: null, outcome: "rejected" as const, answer: "No", customerReply: null, customerRepliedAt: null };
    const { state, alerts } = fromStoredState(value, columns);
    expect(alerts).toEqual({});
    expect(state).toEqual(stateFromColumns(columns));
    expect(state.answers).toEqual([{ outcome: "rejected", text: "No", answeredAt: at(9) }]);
    expect(transitionComplaint(state, { type: "customerReply", text: "hm" }, at(20)).ok).toBe(true);
  });
});
