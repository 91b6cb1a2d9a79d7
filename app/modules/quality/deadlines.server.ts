import { eq, inArray } from "drizzle-orm";
import { complaintDeadlineAlerts, complaints, organisations } from "#db/schema";
import { db } from "~/utils/db.server";
import { formatDueMoment } from "../sla/promise";
import { complaintSubjectIn } from "./complaint-form";
import { sentDeadlineAlerts, type DeadlineAlertRecord } from "./complaint-record";
import { complaintStates } from "./complaints.server";
import { complaintDeadlines, dueDeadlineAlerts } from "./deadlines";
import { alertQualityTeam, appUrl, qualityCalendar } from "./shared.server";
import { getSettings } from "~/modules/settings/settings.server";

/**
 * The complaint deadline job: a warning at 75 % of the acknowledge / answer target and a
 * breach at 100 %, each emailed to the quality team (and the complaint's owner) once per
 * clock cycle. "Once" is a row of `complaint_deadline_alerts` (complaint, clock, kind, cycle
 * start) inserted before sending, `on conflict do nothing`: two app instances running the job
 * at the same moment cannot both claim it, and the emails are queued in the same transaction.
 */
export async function runComplaintDeadlineAlerts(now = new Date()): Promise<{ checked: number; sent: number }> {
  const open = await db
    .select({ complaint: complaints, organisationName: organisations.name })
    .from(complaints)
    .innerJoin(organisations, eq(organisations.id, complaints.organisationId))
    .where(inArray(complaints.status, ["received", "acknowledged", "investigating"]));
  if (open.length === 0) return { checked: 0, sent: 0 };
  const calendar = await qualityCalendar(db);
  const ackDays = (await getSettings()).quality.complaintAcknowledgeBusinessDays;
  const states = await complaintStates(db, open.map((o) => o.complaint));
  const sentRows = await db
    .select()
    .from(complaintDeadlineAlerts)
    .where(inArray(complaintDeadlineAlerts.complaintId, open.map((o) => o.complaint.id)));
  const sentBy = new Map<string, DeadlineAlertRecord[]>();
  for (const r of sentRows) sentBy.set(r.complaintId, [...(sentBy.get(r.complaintId) ?? []), r]);
  let sent = 0;
  for (const { complaint, organisationName } of open) {
    const state = states.get(complaint.id)!;
    for (const alert of dueDeadlineAlerts(complaintDeadlines(state, calendar, ackDays), sentDeadlineAlerts(sentBy.get(complaint.id) ?? []), now)) {
      const claimed = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(complaintDeadlineAlerts)
          .values({ complaintId: complaint.id, clock: alert.clock, kind: alert.kind, cycleStartedAt: alert.deadline.startedAt, sentAt: now })
          .onConflictDoNothing()
          .returning({ complaintId: complaintDeadlineAlerts.complaintId });
        if (!row) return false;
        await alertQualityTeam(
          tx,
          (person) => ({
            kind: alert.kind === "warn" ? "deadline_warn" : "deadline_breach",
            title: complaintSubjectIn(complaint.subject, person.locale),
            organisationName,
            details: [],
            clock: alert.clock,
            dueAt: formatDueMoment(alert.deadline.dueAt, person.timeZone, person.locale, now),
            url: appUrl(`/desk/quality/complaints/${complaint.id}`),
          }),
          [complaint.assigneeId],
        );
        return true;
      });
      if (claimed) sent++;
    }
  }
  return { checked: open.length, sent };
}
