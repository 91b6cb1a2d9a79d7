import Bowser from "bowser";
import { DEFAULT_SETTINGS, type AreaSettings } from "~/modules/settings/definitions";

/**
 * Security settings (the `security` area of the admin settings) and the pure rules
 * that read them: who must use two-factor, when a session has gone idle or too old, and when
 * a sensitive action must ask for the password or a code again.
 */
export type SecuritySettings = AreaSettings<"security">;

/** A new installation: two-factor required for staff. The demo data turns it off. */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = DEFAULT_SETTINGS.security;

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
