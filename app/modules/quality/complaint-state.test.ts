import { describe, expect, it } from "vitest";
import {
  COMPLAINT_STATUSES,
  allowedComplaintActions,
  currentAnswer,
  newComplaint,
  transitionComplaint,
  type ComplaintAction,
  type ComplaintActionType,
  type ComplaintState,
  type ComplaintStatus,
} from "./complaint-state";

const t0 = new Date("2025-03-03T09:00:00Z");
const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);

const ACTIONS: Record<ComplaintActionType, ComplaintAction> = {
  acknowledge: { type: "acknowledge" },
  startInvestigation: { type: "startInvestigation" },
  answer: { type: "answer", outcome: "partly_upheld", text: "We checked the logs." },
  close: { type: "close" },
  customerReply: { type: "customerReply", text: "Still not fixed." },
};

function mustTransition(state: ComplaintState, action: ComplaintAction, now: Date): ComplaintState {
  const result = transitionComplaint(state, action, now);
  if (!result.ok) throw new Error(`unexpected refusal ${JSON.stringify(result.error)}`);
  return result.state;
}

function walk(actions: ComplaintActionType[]): ComplaintState {
  return actions.reduce((state, type, i) => mustTransition(state, ACTIONS[type], at(i + 1)), newComplaint(t0));
}

const PATH_TO: Record<ComplaintStatus, ComplaintActionType[]> = {
  received: [],
  acknowledged: ["acknowledge"],
  investigating: ["acknowledge", "startInvestigation"],
  answered: ["acknowledge", "startInvestigation", "answer"],
  closed: ["acknowledge", "startInvestigation", "answer", "close"],
};

const ALLOWED: Record<ComplaintStatus, Partial<Record<ComplaintActionType, ComplaintStatus>>> = {
  received: { acknowledge: "acknowledged" },
  acknowledged: { startInvestigation: "investigating" },
  investigating: { answer: "answered" },
  answered: { close: "closed", customerReply: "investigating" },
  closed: {},
};

const matrix = COMPLAINT_STATUSES.flatMap((from) =>
  (Object.keys(ACTIONS) as ComplaintActionType[]).map((action) => ({ from, action, to: ALLOWED[from][action] })),
);

describe("transitionComplaint: full status × action matrix", () => {
  it.each(matrix.filter((row) => row.to))("$from --$action--> $to", ({ from, action, to }) => {
    const result = transitionComplaint(walk(PATH_TO[from]), ACTIONS[action], at(100));
    expect(result).toMatchObject({ ok: true, state: { status: to } });
  });

  it.each(matrix.filter((row) => !row.to))("$from --$action--> refused", ({ from, action }) => {
    const state = walk(PATH_TO[from]);
    expect(transitionComplaint(state, ACTIONS[action], at(100))).toEqual({
      ok: false,
      error: { code: "invalid_transition", from, action },
    });
  });

  it.each(COMPLAINT_STATUSES)("allowedComplaintActions(%s) matches the matrix", (status) => {
    expect(allowedComplaintActions(walk(PATH_TO[status])).sort()).toEqual(Object.keys(ALLOWED[status]).sort());
  });
});

describe("transitionComplaint: details", () => {
  it("records who-did-what timestamps along the happy path", () => {
    const closed = walk(PATH_TO.closed);
    expect(closed).toEqual({
      status: "closed",
      receivedAt: t0,
      acknowledgedAt: at(1),
      investigationStartedAt: at(2),
      answers: [{ outcome: "partly_upheld", text: "We checked the logs.", answeredAt: at(3) }],
      customerReply: null,
      closedAt: at(4),
    });
  });

  it("lets the customer reply once, reopening to investigating, then a second answer is kept alongside the first", () => {
    const reopened = mustTransition(walk(PATH_TO.answered), { type: "customerReply", text: "  Not fixed.  " }, at(10));
    expect(reopened.status).toBe("investigating");
    expect(reopened.customerReply).toEqual({ text: "Not fixed.", repliedAt: at(10) });

    const answeredAgain = mustTransition(reopened, { type: "answer", outcome: "upheld", text: "You are right." }, at(11));
    expect(answeredAgain.answers.map((a) => a.outcome)).toEqual(["partly_upheld", "upheld"]);
    expect(currentAnswer(answeredAgain)).toEqual({ outcome: "upheld", text: "You are right.", answeredAt: at(11) });
    expect(allowedComplaintActions(answeredAgain)).toEqual(["close"]);

    expect(transitionComplaint(answeredAgain, ACTIONS.customerReply, at(12))).toEqual({
      ok: false,
      error: { code: "reply_already_used" },
    });
    expect(mustTransition(answeredAgain, ACTIONS.close, at(12)).status).toBe("closed");
  });

  it.each([
    { name: "blank answer", from: "investigating" as const, action: { type: "answer", outcome: "rejected", text: "  \n " } as ComplaintAction, error: { code: "text_required", action: "answer" } },
    { name: "blank reply", from: "answered" as const, action: { type: "customerReply", text: "" } as ComplaintAction, error: { code: "text_required", action: "customerReply" } },
    { name: "answer too long", from: "investigating" as const, action: { type: "answer", outcome: "upheld", text: "x".repeat(10_001) } as ComplaintAction, error: { code: "text_too_long", action: "answer", max: 10_000 } },
    { name: "reply too long", from: "answered" as const, action: { type: "customerReply", text: "x".repeat(10_001) } as ComplaintAction, error: { code: "text_too_long", action: "customerReply", max: 10_000 } },
  ])("refuses $name", ({ from, action, error }) => {
    expect(transitionComplaint(walk(PATH_TO[from]), action, at(100))).toEqual({ ok: false, error });
  });

  it("does not mutate the previous state", () => {
    const answered = walk(PATH_TO.answered);
    const snapshot = structuredClone(answered);
    mustTransition(answered, ACTIONS.customerReply, at(50));
    expect(answered).toEqual(snapshot);
  });

  it("has no current answer before the first one", () => {
    expect(currentAnswer(newComplaint(t0))).toBeNull();
  });
});
