import type { ComplaintAnswer, ComplaintOutcome, ComplaintState, ComplaintStatus } from "./complaint-state";
import { deadlineAlertKey, type ComplaintClock, type DeadlineAlertKind } from "./deadlines";

/**
 * How a complaint's pure state is kept: in the columns of its `complaints` row and one
 * `complaint_answers` row per answer. Nothing else holds it. The receipt time is the row's
 * `created_at`; the answer in force is also kept in the row (outcome, answer, answered_at) for
 * lists and reports, and the answers history is the child table.
 */

/** The `complaints` columns a state is written to. */
export type ComplaintStateColumns = {
  status: ComplaintStatus;
  createdAt: Date;
  acknowledgedAt: Date | null;
  investigationStartedAt: Date | null;
  outcome: ComplaintOutcome | null;
  answer: string | null;
  answeredAt: Date | null;
  customerReply: string | null;
  customerRepliedAt: Date | null;
  closedAt: Date | null;
};

/** A `complaint_answers` row without its complaint id; `ordinal` counts from 1, oldest first. */
export type ComplaintAnswerRecord = { ordinal: number; outcome: ComplaintOutcome; text: string; answeredAt: Date };

export type ComplaintRecord = { columns: ComplaintStateColumns; answers: ComplaintAnswerRecord[] };

export function complaintRecordFromState(state: ComplaintState): ComplaintRecord {
  const current = state.answers.at(-1) ?? null;
  return {
    columns: {
      status: state.status,
      createdAt: state.receivedAt,
      acknowledgedAt: state.acknowledgedAt,
      investigationStartedAt: state.investigationStartedAt,
      outcome: current?.outcome ?? null,
      answer: current?.text ?? null,
      answeredAt: current?.answeredAt ?? null,
      customerReply: state.customerReply?.text ?? null,
      customerRepliedAt: state.customerReply?.repliedAt ?? null,
      closedAt: state.closedAt,
    },
    answers: state.answers.map((a, i) => ({ ordinal: i + 1, outcome: a.outcome, text: a.text, answeredAt: a.answeredAt })),
  };
}

/**
 * The state of a complaint row and its answer rows (in any order). The outcome / answer /
 * answered_at columns are not read: they repeat the latest answer row.
 */
export function complaintStateFromRecord(columns: Omit<ComplaintStateColumns, "outcome" | "answer" | "answeredAt">, answers: readonly ComplaintAnswerRecord[]): ComplaintState {
  return {
    status: columns.status,
    receivedAt: columns.createdAt,
    acknowledgedAt: columns.acknowledgedAt,
    investigationStartedAt: columns.investigationStartedAt,
    answers: [...answers].sort((a, b) => a.ordinal - b.ordinal).map((a) => ({ outcome: a.outcome, text: a.text, answeredAt: a.answeredAt })),
    customerReply: columns.customerReply !== null && columns.customerRepliedAt !== null ? { text: columns.customerReply, repliedAt: columns.customerRepliedAt } : null,
    closedAt: columns.closedAt,
  };
}

const sameAnswer = (a: ComplaintAnswer, b: ComplaintAnswer | undefined) =>
  b !== undefined && a.outcome === b.outcome && a.text === b.text && a.answeredAt.getTime() === b.answeredAt.getTime();

/**
 * What a move from `before` to `after` changes in `complaint_answers`: the rows to write
 * (insert, or replace the row of that ordinal) and, if the history got shorter, the first
 * ordinal to delete. The state machine only appends, so this is usually the one new answer.
 */
export function answerRowChanges(before: ComplaintState, after: ComplaintState): { write: ComplaintAnswerRecord[]; deleteFrom: number | null } {
  const rows = complaintRecordFromState(after).answers;
  return {
    write: rows.filter((row, i) => !sameAnswer(after.answers[i]!, before.answers[i])),
    deleteFrom: before.answers.length > after.answers.length ? after.answers.length + 1 : null,
  };
}

/** A `complaint_deadline_alerts` row without its complaint id. */
export type DeadlineAlertRecord = { clock: ComplaintClock; kind: DeadlineAlertKind; cycleStartedAt: Date; sentAt: Date };

/** The alerts already sent, keyed as `dueDeadlineAlerts` looks them up (key → ISO time sent). */
export function sentDeadlineAlerts(rows: readonly DeadlineAlertRecord[]): Record<string, string> {
  return Object.fromEntries(rows.map((r) => [deadlineAlertKey(r.clock, r.kind, r.cycleStartedAt), r.sentAt.toISOString()]));
}
