import { COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, type ComplaintOutcome, type ComplaintState, type ComplaintStatus } from "./complaint-state";

/**
 * How a complaint's pure state is kept in `complaints.state` (jsonb): the machine state with
 * ISO dates, plus the warn/breach alerts already sent (so each fires once). The flat columns
 * (status, outcome, answer, acknowledged_at…) are a copy for queries and lists; this value is
 * what the state machine is replayed from.
 */
export type StoredComplaintState = {
  v: 1;
  machine: {
    status: ComplaintStatus;
    receivedAt: string;
    acknowledgedAt: string | null;
    investigationStartedAt: string | null;
    answers: Array<{ outcome: ComplaintOutcome; text: string; answeredAt: string }>;
    customerReply: { text: string; repliedAt: string } | null;
    closedAt: string | null;
  };
  /** Alert key → ISO time it was sent (see `deadlineAlertKey`). */
  alerts: Record<string, string>;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toStoredState(state: ComplaintState, alerts: Record<string, string> = {}): StoredComplaintState {
  return {
    v: 1,
    machine: {
      status: state.status,
      receivedAt: state.receivedAt.toISOString(),
      acknowledgedAt: iso(state.acknowledgedAt),
      investigationStartedAt: iso(state.investigationStartedAt),
      answers: state.answers.map((a) => ({ outcome: a.outcome, text: a.text, answeredAt: a.answeredAt.toISOString() })),
      customerReply: state.customerReply ? { text: state.customerReply.text, repliedAt: state.customerReply.repliedAt.toISOString() } : null,
      closedAt: iso(state.closedAt),
    },
    alerts,
  };
}

/** The columns a complaint row keeps beside the jsonb (used when the jsonb is missing or damaged). */
export type ComplaintColumns = {
  status: ComplaintStatus;
  createdAt: Date;
  acknowledgedAt: Date | null;
  answeredAt: Date | null;
  closedAt: Date | null;
  outcome: ComplaintOutcome | null;
  answer: string | null;
  customerReply: string | null;
  customerRepliedAt: Date | null;
};

const date = (value: unknown): Date | null => {
  if (typeof value !== "string") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
};

/**
 * Reads the stored value back. A row whose jsonb is not a v1 value (a hand-made row, an older
 * version) is rebuilt from its columns, so a complaint never becomes unreadable.
 */
export function fromStoredState(value: unknown, columns: ComplaintColumns): { state: ComplaintState; alerts: Record<string, string> } {
  const stored = value as Partial<StoredComplaintState> | null;
  const m = stored?.v === 1 ? stored.machine : undefined;
  const receivedAt = m ? date(m.receivedAt) : null;
  if (m && receivedAt && (COMPLAINT_STATUSES as readonly string[]).includes(m.status) && Array.isArray(m.answers)) {
    const answers = m.answers
      .filter((a) => (COMPLAINT_OUTCOMES as readonly string[]).includes(a.outcome) && date(a.answeredAt))
      .map((a) => ({ outcome: a.outcome, text: String(a.text ?? ""), answeredAt: date(a.answeredAt)! }));
    const repliedAt = m.customerReply ? date(m.customerReply.repliedAt) : null;
    return {
      state: {
        status: m.status,
        receivedAt,
        acknowledgedAt: date(m.acknowledgedAt),
        investigationStartedAt: date(m.investigationStartedAt),
        answers,
        customerReply: m.customerReply && repliedAt ? { text: String(m.customerReply.text ?? ""), repliedAt } : null,
        closedAt: date(m.closedAt),
      },
      alerts: stored?.alerts && typeof stored.alerts === "object" ? { ...stored.alerts } : {},
    };
  }
  return { state: stateFromColumns(columns), alerts: {} };
}

export function stateFromColumns(c: ComplaintColumns): ComplaintState {
  const answered = c.outcome && c.answer !== null && c.answeredAt;
  return {
    status: c.status,
    receivedAt: c.createdAt,
    acknowledgedAt: c.acknowledgedAt,
    investigationStartedAt: c.status === "investigating" || answered ? (c.acknowledgedAt ?? c.createdAt) : null,
    answers: answered ? [{ outcome: c.outcome!, text: c.answer!, answeredAt: c.answeredAt! }] : [],
    customerReply: c.customerReply !== null && c.customerRepliedAt ? { text: c.customerReply, repliedAt: c.customerRepliedAt } : null,
    closedAt: c.closedAt,
  };
}

/** The flat columns that mirror a state (written together with the jsonb). */
export function columnsFromState(state: ComplaintState) {
  const answer = state.answers.at(-1) ?? null;
  return {
    status: state.status,
    outcome: answer?.outcome ?? null,
    answer: answer?.text ?? null,
    answeredAt: answer?.answeredAt ?? null,
    acknowledgedAt: state.acknowledgedAt,
    customerReply: state.customerReply?.text ?? null,
    customerRepliedAt: state.customerReply?.repliedAt ?? null,
    closedAt: state.closedAt,
  };
}
