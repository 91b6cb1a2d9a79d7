import { and, eq, inArray, sql } from "drizzle-orm";
import { complaints, organisations } from "#db/schema";
import { db } from "~/utils/db.server";
import { formatDueMoment } from "../sla/promise";
import { complaintState } from "./complaints.server";
import { complaintDeadlines, dueDeadlineAlerts } from "./deadlines";
import { alertQualityTeam, appUrl, qualityCalendar } from "./shared.server";
import { getSettings } from "~/modules/settings/settings.server";

/**
 * The complaint deadline job: a warning at 75 % of the acknowledge / answer target and a
 * breach at 100 %, each emailed to the quality team (and the complaint's owner) once per
 * clock cycle. "Once" is kept in the complaint's stored state: the alert key is added with a
 * conditional update (`not state->'alerts' ? key`), so two app instances running the job at
 * the same moment cannot both send it.
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
  let sent = 0;
  for (const { complaint, organisationName } of open) {
    const { state, alerts } = complaintState(complaint);
    for (const alert of dueDeadlineAlerts(complaintDeadlines(state, calendar, ackDays), alerts, now)) {
      const claimed = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(complaints)
          .set({
            state: sql`jsonb_set(case when jsonb_typeof(${complaints.state}->'alerts') = 'object' then ${complaints.state} else jsonb_set(${complaints.state}, '{alerts}', '{}'::jsonb) end, array['alerts', ${alert.key}::text], to_jsonb(${now.toISOString()}::text))`,
          })
          .where(and(eq(complaints.id, complaint.id), sql`not coalesce(${complaints.state}->'alerts' ? ${alert.key}, false)`))
          .returning({ id: complaints.id });
        if (!row) return false;
        await alertQualityTeam(
          tx,
          (person) => ({
            kind: alert.kind === "warn" ? "deadline_warn" : "deadline_breach",
            title: complaint.subject,
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
