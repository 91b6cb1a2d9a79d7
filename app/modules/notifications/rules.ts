import { DateTime } from "luxon";

/**
 * Which optional emails a user may turn off, which they may not, and when a team lead's daily
 * digest is due. Pure: the caller passes the role, the user's choices and the moment.
 *
 * Transactional emails (password reset, invitation, security notices, receipts, invoices,
 * licence issued, renewal reminders, auto-replies) are not notifications: they always go out.
 */

export const NOTIFICATION_KINDS = [
  // To customers
  "ticket_received",
  "ticket_replied",
  "ticket_status_changed",
  "csat_request",
  "review_invitation",
  // To staff
  "ticket_assigned",
  "customer_replied",
  "sla_warning",
  "sla_breach",
  "daily_digest",
  "site_down",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationRole = "customer" | "engineer" | "team_lead" | "quality" | "admin";

const CUSTOMER_KINDS: NotificationKind[] = ["ticket_received", "ticket_replied", "ticket_status_changed", "csat_request", "review_invitation"];
// `site_down` is not here: it is no preference at all (always sent to the on-call engineer and
// the leads), so the preferences page neither lists it nor expects it back.
const DESK_KINDS: NotificationKind[] = ["ticket_assigned", "customer_replied", "sla_warning", "sla_breach"];

/** The kinds a role receives at all (and so sees on its preferences page), in page order. */
export function notificationKindsFor(role: NotificationRole): NotificationKind[] {
  switch (role) {
    case "customer":
      return CUSTOMER_KINDS;
    case "team_lead":
      return [...DESK_KINDS, "daily_digest"];
    case "engineer":
    case "admin":
      return DESK_KINDS;
    case "quality":
      return [];
  }
}

/**
 * SLA breach emails to team leads cannot be turned off (SPEC §4: a breach notifies the lead), nor
 * can a customer's "site is down" (it reaches the on-call engineer and the leads whatever they chose).
 */
export function isMandatory(role: NotificationRole, kind: NotificationKind): boolean {
  return (role === "team_lead" && kind === "sla_breach") || (role !== "customer" && kind === "site_down");
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** Whether a user with these turned-off kinds gets an email of this kind. Everything is on by default. */
export function wantsEmail(role: NotificationRole, turnedOff: readonly string[], kind: NotificationKind): boolean {
  if (isMandatory(role, kind)) return true;
  return !turnedOff.includes(kind);
}

/** Which kinds a submitted preferences form turns off; mandatory kinds can never be among them. */
export function turnedOffFromForm(role: NotificationRole, enabled: readonly string[]): { off: NotificationKind[]; refused: NotificationKind[] } {
  const kinds = notificationKindsFor(role);
  const off = kinds.filter((k) => !enabled.includes(k));
  return { off: off.filter((k) => !isMandatory(role, k)), refused: off.filter((k) => isMandatory(role, k)) };
}

export type AssignmentNotice = { userId: string; kind: "assigned" | "reassigned_to_you" | "reassigned_away" };

/**
 * Who hears about an assignment change: the new assignee (unless they took it themselves), and
 * the previous assignee when someone else moved the ticket away from them.
 */
export function assignmentNotices(change: { from: string | null; to: string | null; actorId: string | null }): AssignmentNotice[] {
  const { from, to, actorId } = change;
  if (from === to) return [];
  const notices: AssignmentNotice[] = [];
  if (to && to !== actorId) notices.push({ userId: to, kind: from ? "reassigned_to_you" : "assigned" });
  if (from && to && from !== actorId) notices.push({ userId: from, kind: "reassigned_away" });
  return notices;
}

/** The digest goes out from 08:00 in the lead's time zone; a run after noon skips the day. */
export const DIGEST_FROM_HOUR = 8;
export const DIGEST_UNTIL_HOUR = 12;

/**
 * The lead's local day (YYYY-MM-DD) whose digest is due at `now`, or null outside the morning
 * window. The caller records each day once, so running this every quarter hour sends one digest.
 */
export function digestDayDue(now: Date, timeZone: string): string | null {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) return null;
  if (local.hour < DIGEST_FROM_HOUR || local.hour >= DIGEST_UNTIL_HOUR) return null;
  return local.toISODate();
}

/** The end of the lead's local day (exclusive), as a UTC moment: "breaching today" is before it. */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return local.plus({ days: 1 }).startOf("day").toJSDate();
}
