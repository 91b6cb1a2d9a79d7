import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { recoveryCodes, sessions, userTwoFactor, users, type User } from "#db/schema";
import type { Actor } from "~/modules/accounts/permissions";
import { verifyPassword } from "~/modules/accounts/password.server";
import { decryptSecret, encryptSecret } from "~/modules/tickets/vault.server";
import { recordAudit } from "~/utils/audit.server";
import { hashToken } from "~/utils/crypto.server";
import { db, type Executor } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { queueSecurityNotice, type RequestContext } from "./notices.server";
import { needsReconfirmation } from "./policy";
import { POLICIES, throttleKey } from "./throttle";
import { assertNotThrottled, registerFailure } from "./throttle.server";
import {
  CONFIRM_FIELD,
  classifyCode,
  formatRecoveryCode,
  recoveryCodesFrom,
  stepAt,
  TOTP_DIGITS,
  TOTP_ISSUER,
  TOTP_PERIOD_SECONDS,
  TOTP_WINDOW,
} from "./two-factor";

/**
 * TOTP two-factor sign-in (ADR 080). `otpauth` does the RFC 6238 arithmetic and `qrcode`
 * draws the enrolment QR code; this file stores the secret (encrypted, bound to the user),
 * refuses replays through `last_used_step`, and keeps ten hashed single-use recovery codes.
 */
const aad = (userId: string) => `totp:${userId}`;

function totpFor(secretBase32: string, label = "") {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The step a code belongs to, within ±1 step of `now`; null when the code is not right. */
export function matchingStep(secretBase32: string, code: string, now: Date): number | null {
  const delta = totpFor(secretBase32).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : stepAt(now.getTime()) + delta;
}

async function loadTwoFactor(userId: string, executor: Executor = db) {
  const [row] = await executor.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId)).limit(1);
  return row ?? null;
}

export async function twoFactorEnabled(userId: string, executor: Executor = db): Promise<boolean> {
  const row = await loadTwoFactor(userId, executor);
  return Boolean(row?.confirmedAt);
}

export type TwoFactorStatus =
  | { state: "off" }
  | { state: "pending"; manualKey: string; otpauthUri: string; qrSvg: string }
  | { state: "on"; confirmedAt: Date; recoveryCodesLeft: number };

/** What the two-factor page shows: off, enrolment in progress (QR + key), or on. */
export async function twoFactorStatus(actor: Actor & { email: string }): Promise<TwoFactorStatus> {
  const row = await loadTwoFactor(actor.id);
  if (!row) return { state: "off" };
  if (row.confirmedAt) {
    const [left] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, actor.id), isNull(recoveryCodes.usedAt)));
    return { state: "on", confirmedAt: row.confirmedAt, recoveryCodesLeft: Number(left?.n ?? 0) };
  }
  const secret = decryptSecret(row.secretCiphertext, getEnv().ENCRYPTION_KEY, aad(actor.id));
  const otpauthUri = totpFor(secret, actor.email).toString();
  const qrSvg = await QRCode.toString(otpauthUri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { state: "pending", manualKey: secret, otpauthUri, qrSvg };
}

/** Starts (or restarts) an enrolment with a fresh secret. Refused while two-factor is on. */
export async function startTwoFactorEnrolment(actor: Actor, now = new Date()): Promise<void> {
  const existing = await loadTwoFactor(actor.id);
  if (existing?.confirmedAt) throw AppError.conflict("security.error.alreadyOn");
  const secret = new Secret({ size: 20 }).base32;
  const secretCiphertext = encryptSecret(secret, getEnv().ENCRYPTION_KEY, aad(actor.id));
  await db
    .insert(userTwoFactor)
    .values({ userId: actor.id, secretCiphertext, createdAt: now })
    .onConflictDoUpdate({ target: userTwoFactor.userId, set: { secretCiphertext, createdAt: now, lastUsedStep: null } });
}

async function replaceRecoveryCodes(tx: Executor, userId: string, now: Date): Promise<string[]> {
  const codes = recoveryCodesFrom(randomBytes(100));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashToken(code), createdAt: now })));
  return codes.map(formatRecoveryCode);
}

async function loadUser(tx: Executor, userId: string): Promise<User> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user) throw AppError.notFound();
  return user;
}

/**
 * Confirms the enrolment with the first code from the app: turns two-factor on, lifts the
 * "must enrol" restriction from the user's sessions and returns the ten recovery codes (shown
 * once; only their hashes are kept).
 */
export async function confirmTwoFactorEnrolment(actor: Actor, code: string, context: RequestContext, now = new Date()): Promise<string[]> {
  const row = await loadTwoFactor(actor.id);
  if (!row) throw AppError.invalid("security.error.startFirst");
  if (row.confirmedAt) throw AppError.conflict("security.error.alreadyOn");
  const parsed = classifyCode(code);
  const secret = decryptSecret(row.secretCiphertext, getEnv().ENCRYPTION_KEY, aad(actor.id));
  const step = parsed?.kind === "totp" ? matchingStep(secret, parsed.code, now) : null;
  if (step === null) throw AppError.invalid("account.error.codeWrong", { code: ["security.error.codeNow"] });
  return db.transaction(async (tx) => {
    const confirmed = await tx
      .update(userTwoFactor)
      .set({ confirmedAt: now, lastUsedStep: step })
      .where(and(eq(userTwoFactor.userId, actor.id), isNull(userTwoFactor.confirmedAt)))
      .returning({ userId: userTwoFactor.userId });
    if (confirmed.length === 0) throw AppError.conflict("security.error.alreadyOn");
    const codes = await replaceRecoveryCodes(tx, actor.id, now);
    await tx.update(sessions).set({ mustEnrolTwoFactor: false, confirmedAt: now }).where(eq(sessions.userId, actor.id));
    await recordAudit(tx, { actorId: actor.id, action: "user.two_factor_enabled", entityType: "user", entityId: actor.id });
    await queueSecurityNotice(tx, await loadUser(tx, actor.id), "two_factor_enabled", context, now);
    return codes;
  });
}

export type SecondFactorMethod = "totp" | "recovery";

/**
 * Checks a TOTP code (±1 step, each step usable once) or an unused recovery code, and uses it
 * up atomically: of two requests with the same code only one succeeds.
 */
export async function useSecondFactor(userId: string, input: string, now: Date, executor: Executor = db): Promise<SecondFactorMethod | null> {
  const parsed = classifyCode(input);
  if (!parsed) return null;
  const row = await loadTwoFactor(userId, executor);
  if (!row?.confirmedAt) return null;
  if (parsed.kind === "totp") {
    const secret = decryptSecret(row.secretCiphertext, getEnv().ENCRYPTION_KEY, aad(userId));
    const step = matchingStep(secret, parsed.code, now);
    if (step === null) return null;
    const used = await executor
      .update(userTwoFactor)
      .set({ lastUsedStep: step })
      .where(and(eq(userTwoFactor.userId, userId), or(isNull(userTwoFactor.lastUsedStep), lt(userTwoFactor.lastUsedStep, step))))
      .returning({ userId: userTwoFactor.userId });
    return used.length > 0 ? "totp" : null;
  }
  const used = await executor
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashToken(parsed.code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (used.length === 0) return null;
  await recordAudit(executor, { actorId: userId, action: "user.recovery_code_used", entityType: "user", entityId: userId });
  return "recovery";
}

/** Turns two-factor off: needs the password and a current code (or a recovery code). */
export async function disableTwoFactor(
  actor: Actor,
  input: { password: string; code: string },
  context: RequestContext,
  now = new Date(),
): Promise<void> {
  const user = await loadUser(db, actor.id);
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk) throw AppError.invalid("security.error.passwordWrong", { password: ["security.error.passwordWrong"] });
  await db.transaction(async (tx) => {
    const method = await useSecondFactor(actor.id, input.code, now, tx);
    if (!method) throw AppError.invalid("account.error.codeWrong", { code: ["security.error.currentOrRecovery"] });
    await tx.delete(userTwoFactor).where(eq(userTwoFactor.userId, actor.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    await recordAudit(tx, { actorId: actor.id, action: "user.two_factor_disabled", entityType: "user", entityId: actor.id });
    await queueSecurityNotice(tx, user, "two_factor_disabled", context, now);
  });
}

/** New recovery codes (the old ones stop working); needs a current code. */
export async function regenerateRecoveryCodes(actor: Actor, code: string, now = new Date()): Promise<string[]> {
  return db.transaction(async (tx) => {
    const method = await useSecondFactor(actor.id, code, now, tx);
    if (!method) throw AppError.invalid("account.error.codeWrong", { code: ["security.error.currentOrRecovery"] });
    const codes = await replaceRecoveryCodes(tx, actor.id, now);
    await recordAudit(tx, { actorId: actor.id, action: "user.recovery_codes_regenerated", entityType: "user", entityId: actor.id });
    return codes;
  });
}

/**
 * Re-confirmation before a sensitive action (revealing access details): when the session's
 * last confirmation is older than 15 minutes, the password or a TOTP/recovery code is asked
 * for again (throttled like second-factor checks) and the session's confirmation renewed.
 */
export async function requireRecentConfirmation(
  actor: Actor,
  session: { id: string; confirmedAt: Date },
  secret: string | null,
  now = new Date(),
): Promise<void> {
  if (!needsReconfirmation(session.confirmedAt, now)) return;
  if (!secret) {
    throw AppError.invalid("security.error.confirmIdentity", {
      [CONFIRM_FIELD]: ["security.error.passwordOrCode"],
    });
  }
  const key = throttleKey.secondFactorUser(actor.id);
  await assertNotThrottled([key], now);
  const user = await loadUser(db, actor.id);
  const method = classifyCode(secret) ? await useSecondFactor(actor.id, secret, now) : null;
  const ok = method !== null || (await verifyPassword(user.passwordHash, secret));
  if (!ok) {
    await registerFailure(key, POLICIES.secondFactorUser, now);
    throw AppError.invalid("security.error.notPasswordOrCode", { [CONFIRM_FIELD]: ["security.error.notPasswordOrCode"] });
  }
  await db.update(sessions).set({ confirmedAt: now }).where(and(eq(sessions.id, session.id), eq(sessions.userId, actor.id), gt(sessions.expiresAt, now)));
}
