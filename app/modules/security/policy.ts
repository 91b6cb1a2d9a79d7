import Bowser from "bowser";
import { z } from "zod";

/**
 * Security settings (the `settings` row `security`, admin-editable JSON) and the pure rules
 * that read them: who must use two-factor, when a session has gone idle or too old, and when
 * a sensitive action must ask for the password or a code again.
 */
export const securitySettingsSchema = z.object({
  /** Admins, team leads, engineers and quality staff must sign in with a TOTP code. */
  requireTwoFactorForStaff: z.boolean(),
  staffIdleHours: z.number().min(0.25).max(24 * 30),
  customerIdleDays: z.number().min(0.01).max(365),
  /** A session ends this long after sign-in, however active. */
  absoluteLifetimeDays: z.number().min(0.01).max(365),
  /** Set by the demo data when it turns two-factor off; the admin page says so until an admin saves. */
  turnedOffByDemoData: z.boolean(),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

/** A new installation: two-factor required for staff. The demo data turns it off. */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  requireTwoFactorForStaff: true,
  staffIdleHours: 12,
  customerIdleDays: 30,
  absoluteLifetimeDays: 30,
  turnedOffByDemoData: false,
};

/** The admin form (numbers arrive as text). */
export const securitySettingsFormSchema = z.object({
  requireTwoFactorForStaff: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  staffIdleHours: z.coerce.number({ error: "Enter a number of hours" }).min(0.25, { error: "At least 0.25 hours" }).max(720, { error: "At most 720 hours" }),
  customerIdleDays: z.coerce.number({ error: "Enter a number of days" }).min(0.1, { error: "At least 0.1 days" }).max(365, { error: "At most 365 days" }),
  absoluteLifetimeDays: z.coerce.number({ error: "Enter a number of days" }).min(0.1, { error: "At least 0.1 days" }).max(365, { error: "At most 365 days" }),
});

export const STAFF_TWO_FACTOR_ROLES = ["admin", "team_lead", "engineer", "quality"] as const;
type Role = "customer" | (typeof STAFF_TWO_FACTOR_ROLES)[number];

export function twoFactorRequired(role: Role, settings: Pick<SecuritySettings, "requireTwoFactorForStaff">): boolean {
  return settings.requireTwoFactorForStaff && (STAFF_TWO_FACTOR_ROLES as readonly string[]).includes(role);
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export function idleLimitMs(role: Role, settings: SecuritySettings): number {
  return role === "customer" ? settings.customerIdleDays * DAY : settings.staffIdleHours * HOUR;
}

export function absoluteExpiry(createdAt: Date, settings: SecuritySettings): Date {
  return new Date(createdAt.getTime() + settings.absoluteLifetimeDays * DAY);
}

export type SessionTimes = { createdAt: Date; lastSeenAt: Date; expiresAt: Date };

/** Alive: before its absolute end, before the settings' absolute lifetime, and not idle too long. */
export function sessionAlive(session: SessionTimes, role: Role, settings: SecuritySettings, now: Date): boolean {
  const t = now.getTime();
  if (t >= session.expiresAt.getTime()) return false;
  if (t >= absoluteExpiry(session.createdAt, settings).getTime()) return false;
  return t - session.lastSeenAt.getTime() < idleLimitMs(role, settings);
}

/** Last-seen is written at most once a minute per session. */
export const TOUCH_EVERY_MS = 60_000;
export function shouldTouch(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS;
}

/** Revealing access details asks again when the last confirmation is older than this. */
export const RECONFIRM_AFTER_MS = 15 * 60_000;
export function needsReconfirmation(confirmedAt: Date, now: Date): boolean {
  return now.getTime() - confirmedAt.getTime() > RECONFIRM_AFTER_MS;
}

/** "Chrome on Linux"-style summary of a user agent for the sessions page (bowser parses it). */
export function describeUserAgent(userAgent: string | null | undefined): { browser: string; os: string } {
  if (!userAgent) return { browser: "", os: "" };
  const parsed = Bowser.parse(userAgent);
  return { browser: parsed.browser.name ?? "", os: parsed.os.name ?? "" };
}
