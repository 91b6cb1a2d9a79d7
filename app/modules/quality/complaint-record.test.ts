import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerRowChanges, complaintRecordFromState, complaintStateFromRecord, sentDeadlineAlerts, type ComplaintAnswerRecord } from "./complaint-record";
import { COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, newComplaint, transitionComplaint, type ComplaintState } from "./complaint-state";
import { deadlineAlertKey } from "./deadlines";

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

/* Any state the columns can hold, reachable by the machine or not (old data, hand-made rows). */
const instant = fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T23:59:59Z"), noInvalidDate: true });
const answer = fc.record({ outcome: fc.constantFrom(...COMPLAINT_OUTCOMES), text: fc.string({ maxLength: 40 }), answeredAt: instant });
const anyState: fc.Arbitrary<ComplaintState> = fc.record({
  status: fc.constantFrom(...COMPLAINT_STATUSES),
  receivedAt: instant,
  acknowledgedAt: fc.option(instant, { nil: null }),
  investigationStartedAt: fc.option(instant, { nil: null }),
  answers: fc.array(answer, { maxLength: 4 }),
  customerReply: fc.option(fc.record({ text: fc.string({ maxLength: 40 }), repliedAt: instant }), { nil: null }),
  closedAt: fc.option(instant, { nil: null }),
});

/** The answer rows of a complaint after applying `answerRowChanges` the way the use case does. */
function applyChanges(rows: ComplaintAnswerRecord[], changes: ReturnType<typeof answerRowChanges>): ComplaintAnswerRecord[] {
  const kept = rows.filter((r) => changes.deleteFrom === null || r.ordinal < changes.deleteFrom);
  const byOrdinal = new Map(kept.map((r) => [r.ordinal, r]));
  for (const row of changes.write) byOrdinal.set(row.ordinal, row);
  return [...byOrdinal.values()];
}

describe("a complaint's state in columns and answer rows", () => {
  it("state → rows → state is the identity, whatever order the answer rows come back in", () => {
    // The database returns rows in no particular order unless asked.
    const stateAndRows = anyState.chain((state) => {
      const { columns, answers } = complaintRecordFromState(state);
      return fc.tuple(fc.constant(state), fc.constant(columns), fc.shuffledSubarray(answers, { minLength: answers.length, maxLength: answers.length }));
    });
    fc.assert(
      fc.property(stateAndRows, ([state, columns, rows]) => {
        expect(complaintStateFromRecord(columns, rows)).toEqual(state);
      }),
    );
  });

  it("the row keeps the answer in force, the answer rows are numbered from 1", () => {
    fc.assert(
      fc.property(anyState, (state) => {
        const { columns, answers } = complaintRecordFromState(state);
        const last = state.answers.at(-1);
        expect([columns.outcome, columns.answer, columns.answeredAt]).toEqual(last ? [last.outcome, last.text, last.answeredAt] : [null, null, null]);
        expect(answers.map((a) => a.ordinal)).toEqual(state.answers.map((_, i) => i + 1));
        expect(columns.createdAt).toBe(state.receivedAt);
      }),
    );
  });

  it("writing only the changed answers turns the old rows into the new ones", () => {
    fc.assert(
      fc.property(anyState, anyState, (before, after) => {
        const changes = answerRowChanges(before, after);
        const rows = applyChanges(complaintRecordFromState(before).answers, changes);
        expect(complaintStateFromRecord(complaintRecordFromState(after).columns, rows)).toEqual(after);
      }),
    );
  });

  it("an answer given writes that one row and deletes nothing", () => {
    const state = walk();
    const before = { ...state, answers: state.answers.slice(0, 1) };
    expect(answerRowChanges(before, state)).toEqual({ write: [{ ordinal: 2, outcome: "upheld", text: "Second look", answeredAt: at(50) }], deleteFrom: null });
    expect(answerRowChanges(state, { ...state, status: "closed", closedAt: at(60) })).toEqual({ write: [], deleteFrom: null });
  });

  it("a walk through the machine: the latest answer and the reply are in the columns", () => {
    const { columns, answers } = complaintRecordFromState(walk());
    expect(columns).toMatchObject({
      status: "answered",
      outcome: "upheld",
      answer: "Second look",
      answeredAt: at(50),
      customerReply: "Not enough",
      customerRepliedAt: at(40),
      acknowledgedAt: at(10),
      investigationStartedAt: at(20),
    });
    expect(answers.map((a) => [a.ordinal, a.outcome])).toEqual([
      [1, "partly_upheld"],
      [2, "upheld"],
    ]);
  });

  it("a reply text without its time (or the reverse) is no reply", () => {
    const { columns } = complaintRecordFromState(newComplaint(t0));
    expect(complaintStateFromRecord({ ...columns, customerReply: "x" }, []).customerReply).toBeNull();
    expect(complaintStateFromRecord({ ...columns, customerRepliedAt: at(5) }, []).customerReply).toBeNull();
  });

  it("sent deadline alerts are keyed as the alert check looks them up", () => {
    const rows = [{ clock: "acknowledge" as const, kind: "warn" as const, cycleStartedAt: t0, sentAt: at(400) }];
    expect(sentDeadlineAlerts(rows)).toEqual({ [deadlineAlertKey("acknowledge", "warn", t0)]: at(400).toISOString() });
  });
});
