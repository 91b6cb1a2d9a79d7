/**
 * Complaint lifecycle:
 *
 *   received → acknowledged → investigating → answered → closed
 *                                   ↑             │
 *                                   └─────────────┘ customerReply (once)
 *
 * Steps are not skipped: acknowledging is what the 1-business-day target
 * measures, so it must be an explicit step even if investigation starts at
 * once. `closed` is final. The customer may push back exactly once, and only
 * while the complaint is `answered` (after closing it is too late, so don't
 * close automatically without giving them time to read the answer).
 */

export const COMPLAINT_STATUSES = ["received", "acknowledged", "investigating", "answered", "closed"] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_OUTCOMES = ["upheld", "partly_upheld", "rejected"] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

export const MAX_COMPLAINT_TEXT_LENGTH = 10_000;

export type ComplaintAnswer = { outcome: ComplaintOutcome; text: string; answeredAt: Date };
export type CustomerReply = { text: string; repliedAt: Date };

export type ComplaintState = {
  status: ComplaintStatus;
  receivedAt: Date;
  acknowledgedAt: Date | null;
  investigationStartedAt: Date | null;
  /** Oldest first. A complaint reopened by the customer gets a second answer; the first is kept. */
  answers: readonly ComplaintAnswer[];
  /** The customer's single "not satisfied" reply, if used. */
  customerReply: CustomerReply | null;
  closedAt: Date | null;
};

export type ComplaintAction =
  | { type: "acknowledge" }
  | { type: "startInvestigation" }
  | { type: "answer"; outcome: ComplaintOutcome; text: string }
  | { type: "close" }
  | { type: "customerReply"; text: string };

export type ComplaintActionType = ComplaintAction["type"];

export type ComplaintTransitionError =
  | { code: "invalid_transition"; from: ComplaintStatus; action: ComplaintActionType }
  | { code: "reply_already_used" }
  | { code: "text_required"; action: "answer" | "customerReply" }
  | { code: "text_too_long"; action: "answer" | "customerReply"; max: number };

export type ComplaintTransitionResult =
  | { ok: true; state: ComplaintState }
  | { ok: false; error: ComplaintTransitionError };

/** Which status each action may be taken from. */
const ALLOWED_FROM: Record<ComplaintActionType, ComplaintStatus> = {
  acknowledge: "received",
  startInvestigation: "acknowledged",
  answer: "investigating",
  close: "answered",
  customerReply: "answered",
};

export function newComplaint(receivedAt: Date): ComplaintState {
  return {
    status: "received",
    receivedAt,
    acknowledgedAt: null,
    investigationStartedAt: null,
    answers: [],
    customerReply: null,
    closedAt: null,
  };
}

export function transitionComplaint(state: ComplaintState, action: ComplaintAction, now: Date): ComplaintTransitionResult {
  const refusal = refusalFor(state, action);
  if (refusal) return { ok: false, error: refusal };
  return { ok: true, state: apply(state, action, now) };
}

/** Actions that would succeed now (text checks aside) — for showing buttons. */
export function allowedComplaintActions(state: ComplaintState): ComplaintActionType[] {
  return (Object.keys(ALLOWED_FROM) as ComplaintActionType[]).filter(
    (type) => ALLOWED_FROM[type] === state.status && !(type === "customerReply" && state.customerReply !== null),
  );
}

function refusalFor(state: ComplaintState, action: ComplaintAction): ComplaintTransitionError | null {
  if (ALLOWED_FROM[action.type] !== state.status) {
    return { code: "invalid_transition", from: state.status, action: action.type };
  }
  if (action.type === "customerReply" && state.customerReply !== null) return { code: "reply_already_used" };
  if (action.type === "answer" || action.type === "customerReply") return textRefusal(action.type, action.text);
  return null;
}

function textRefusal(action: "answer" | "customerReply", text: string): ComplaintTransitionError | null {
  const trimmed = text.trim();
  if (trimmed === "") return { code: "text_required", action };
  if (trimmed.length > MAX_COMPLAINT_TEXT_LENGTH) return { code: "text_too_long", action, max: MAX_COMPLAINT_TEXT_LENGTH };
  return null;
}

function apply(state: ComplaintState, action: ComplaintAction, now: Date): ComplaintState {
  switch (action.type) {
    case "acknowledge":
      return { ...state, status: "acknowledged", acknowledgedAt: now };
    case "startInvestigation":
      return { ...state, status: "investigating", investigationStartedAt: now };
    case "answer":
      return {
        ...state,
        status: "answered",
        answers: [...state.answers, { outcome: action.outcome, text: action.text.trim(), answeredAt: now }],
      };
    case "close":
      return { ...state, status: "closed", closedAt: now };
    case "customerReply":
      return { ...state, status: "investigating", customerReply: { text: action.text.trim(), repliedAt: now } };
  }
}

/** The latest answer, i.e. the one currently in force. */
export function currentAnswer(state: ComplaintState): ComplaintAnswer | null {
  return state.answers.at(-1) ?? null;
}
