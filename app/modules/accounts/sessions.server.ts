import { and, eq, gte, isNull, lt, ne } from "drizzle-orm";
import { authTokens, knownDevices, passwordResetRequests, pendingSignIns, sessions, users, type User } from "#db/schema";
import { deviceLabel, queueSecurityNotice, type RequestContext } from "~/modules/security/notices.server";
import { twoFactorRequired } from "~/modules/security/policy";
import { getSecuritySettings } from "~/modules/security/settings.server";
import { POLICIES, RESET_EMAIL_WINDOW_SECONDS, throttleKey } from "~/modules/security/throttle";
import { assertNotThrottled, clearThrottle, registerFailure, takeQuota, throttledError, throttleWait } from "~/modules/security/throttle.server";
import { twoFactorEnabled, useSecondFactor } from "~/modules/security/two-factor.server";
import { recordAudit } from "~/utils/audit.server";
import { createToken, hashToken } from "~/utils/crypto.server";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { runJobAfterCommit } from "~/utils/jobs.server";
import { hashPassword, verifyPassword } from "./password.server";
import { expiresAfterMinutes, PASSWORD_RESET_MINUTES } from "./schemas";

const PENDING_SIGN_IN_MINUTES = 10;

/** After a right password: either a session (maybe restricted to two-factor set-up) or the second factor. */
export type SignInOutcome =
  | { kind: "session"; user: User; mustEnrolTwoFactor: boolean }
  | { kind: "second_factor"; user: User; pendingToken: string };

async function isKnownDevice(userId: string, deviceToken: string | null, executor: Executor = db): Promise<boolean> {
  if (!deviceToken) return false;
  const [row] = await executor
    .select({ userId: knownDevices.userId })
    .from(knownDevices)
    .where(and(eq(knownDevices.userId, userId), eq(knownDevices.deviceHash, hashToken(deviceToken))))
    .limit(1);
  return Boolean(row);
}

/** What follows a verified password (sign-in form or a reset/invitation link). */
export async function afterPasswordVerified(user: User, now: Date): Promise<SignInOutcome> {
  if (await twoFactorEnabled(user.id)) {
    const { token, hash } = createToken();
    await db.insert(pendingSignIns).values({ tokenHash: hash, userId: user.id, expiresAt: expiresAfterMinutes(now, PENDING_SIGN_IN_MINUTES), createdAt: now });
    return { kind: "second_factor", user, pendingToken: token };
  }
  const settings = await getSecuritySettings();
  return { kind: "session", user, mustEnrolTwoFactor: twoFactorRequired(user.role, settings) };
}

/**
 * Checks credentials under throttling that cannot lock the owner out (ADR 082): counters per
 * (account, address), per address, and per account — the last only slows down, and a browser
 * that signed in to the account before skips it. Messages never tell whether the email exists.
 */
export async function signIn(input: {
  email: string;
  password: string;
  ipAddress: string;
  deviceToken?: string | null;
  now?: Date;
}): Promise<SignInOutcome> {
  const now = input.now ?? new Date();
  const email = input.email.toLowerCase();
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const knownDevice = user ? await isKnownDevice(user.id, input.deviceToken ?? null) : false;
  const pairKey = throttleKey.signInAccountAddress(email, input.ipAddress);
  const addressKey = throttleKey.signInAddress(input.ipAddress);
  const accountKey = throttleKey.signInAccount(email);
  await assertNotThrottled(knownDevice ? [pairKey, addressKey] : [pairKey, addressKey, accountKey], now);

  const active = user && !user.deactivatedAt;
  const ok = await verifyPassword(active ? user.passwordHash : null, input.password);
  if (!ok || !user) {
    const pairHits = await registerFailure(pairKey, POLICIES.signInAccountAddress, now);
    await registerFailure(addressKey, POLICIES.signInAddress, now);
    await registerFailure(accountKey, POLICIES.signInAccount, now);
    // One audit line when throttling starts for an account from one address, not one per failure.
    if (user && pairHits === POLICIES.signInAccountAddress.free + 1) {
      await recordAudit(db, {
        actorId: null,
        action: "user.sign_in_throttled",
        entityType: "user",
        entityId: user.id,
        after: { ipAddress: input.ipAddress, failures: pairHits },
      });
    }
    throw AppError.invalid("account.error.wrongCredentials");
  }
  await clearThrottle(knownDevice ? [pairKey, accountKey] : [pairKey]);
  return afterPasswordVerified(user, now);
}

/** The second step: a TOTP code or a recovery code for a pending sign-in. */
export async function completeSecondFactor(input: { pendingToken: string; code: string; ipAddress: string; now?: Date }): Promise<User> {
  const now = input.now ?? new Date();
  const [pending] = await db
    .select()
    .from(pendingSignIns)
    .where(and(eq(pendingSignIns.tokenHash, hashToken(input.pendingToken)), gte(pendingSignIns.expiresAt, now)))
    .limit(1);
  if (!pending) throw AppError.invalid("account.error.signInExpired");
  const userKey = throttleKey.secondFactorUser(pending.userId);
  const addressKey = throttleKey.secondFactorAddress(input.ipAddress);
  await assertNotThrottled([userKey, addressKey], now);
  const method = await useSecondFactor(pending.userId, input.code, now);
  if (!method) {
    await registerFailure(userKey, POLICIES.secondFactorUser, now);
    await registerFailure(addressKey, POLICIES.secondFactorAddress, now);
    throw AppError.invalid("account.error.codeWrong", { code: ["account.error.codeOrRecovery"] });
  }
  await db.delete(pendingSignIns).where(eq(pendingSignIns.tokenHash, pending.tokenHash));
  await clearThrottle([userKey]);
  const [user] = await db.select().from(users).where(and(eq(users.id, pending.userId), isNull(users.deactivatedAt))).limit(1);
  if (!user) throw AppError.invalid("account.error.signInExpired");
  return user;
}

/**
 * Records a finished sign-in: remembers the device (a new one gets a notice email, unless it is
 * the user's very first), updates the last sign-in and writes the audit entry. Returns the
 * device token to keep in the browser.
 */
export async function recordSignIn(
  user: User,
  input: { deviceToken: string | null; context: RequestContext; method: "password" | "two_factor"; now?: Date },
): Promise<{ deviceToken: string }> {
  const now = input.now ?? new Date();
  const deviceToken = input.deviceToken ?? createToken().token;
  const deviceHash = hashToken(deviceToken);
  await db.transaction(async (tx) => {
    const known = await isKnownDevice(user.id, deviceToken, tx);
    if (known) {
      await tx.update(knownDevices).set({ lastSeenAt: now }).where(and(eq(knownDevices.userId, user.id), eq(knownDevices.deviceHash, deviceHash)));
    } else {
      const [other] = await tx.select({ userId: knownDevices.userId }).from(knownDevices).where(eq(knownDevices.userId, user.id)).limit(1);
      await tx.insert(knownDevices).values({ userId: user.id, deviceHash, firstSeenAt: now, lastSeenAt: now }).onConflictDoNothing();
      if (other) await queueSecurityNotice(tx, user, "new_device", input.context, now);
    }
    await tx.update(users).set({ lastSignedInAt: now }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.signed_in",
      entityType: "user",
      entityId: user.id,
      after: { method: input.method, ipAddress: input.context.ipAddress, device: deviceLabel(input.context.userAgent), newDevice: !known },
    });
  });
  return { deviceToken };
}

/**
 * Asks for a reset link. The request does exactly the same work whether or not the address has
 * an account — check the address's throttle, count the email's quota, insert one row — and a
 * job sends the email later, so neither the answer nor its timing tells the two apart. At
 * most one email per address per 5 minutes.
 */
export async function requestPasswordReset(input: { email: string; ipAddress: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const email = input.email.toLowerCase();
  const addressKey = throttleKey.resetAddress(input.ipAddress);
  const wait = await throttleWait([addressKey], now);
  if (wait > 0) throw throttledError(wait);
  await registerFailure(addressKey, POLICIES.resetAddress, now);
  const quota = await takeQuota(throttleKey.resetEmail(email), 1, RESET_EMAIL_WINDOW_SECONDS, now);
  if (!quota.allowed) return;
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetRequests).values({ email, ipAddress: input.ipAddress, requestedAt: now });
    await runJobAfterCommit(tx, PASSWORD_RESETS_JOB);
  });
}

/** The job that answers reset requests; each request asks for it once it is stored. */
export const PASSWORD_RESETS_JOB = "accounts.password-resets";

/** The job behind reset requests: a link for each address that has an active login. */
export async function processPasswordResetRequests(now = new Date(), batchSize = 50): Promise<number> {
  const pending = await db
    .select()
    .from(passwordResetRequests)
    .where(isNull(passwordResetRequests.processedAt))
    .orderBy(passwordResetRequests.requestedAt)
    .limit(batchSize);
  let sent = 0;
  for (const request of pending) {
    await db.transaction(async (tx) => {
      const claimed = await tx
        .update(passwordResetRequests)
        .set({ processedAt: now })
        .where(and(eq(passwordResetRequests.id, request.id), isNull(passwordResetRequests.processedAt)))
        .returning({ id: passwordResetRequests.id });
      if (claimed.length === 0) return;
      const [user] = await tx.select().from(users).where(eq(users.email, request.email)).limit(1);
      if (!user || user.deactivatedAt) return;
      const { token, hash } = createToken();
      await tx.insert(authTokens).values({
        tokenHash: hash,
        userId: user.id,
        purpose: "password_reset",
        expiresAt: expiresAfterMinutes(now, PASSWORD_RESET_MINUTES),
      });
      await queueEmail(tx, {
        to: user.email,
        template: "password-reset",
        props: {
          locale: user.locale,
          name: user.name,
          resetUrl: `${getEnv().APP_URL}/reset-password/${token}`,
          expiresInMinutes: PASSWORD_RESET_MINUTES,
        },
      });
      sent += 1;
    });
  }
  // Answered requests and expired pending sign-ins are kept for a day, then forgotten.
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  await db.delete(passwordResetRequests).where(lt(passwordResetRequests.processedAt, dayAgo));
  await db.delete(pendingSignIns).where(lt(pendingSignIns.expiresAt, now));
  return sent;
}

/** Finds a usable single-use token (password reset or invitation) and its user. */
export async function findUsableToken(token: string, now = new Date()) {
  const [row] = await db
    .select({ tokenHash: authTokens.tokenHash, purpose: authTokens.purpose, userId: authTokens.userId, name: users.name, email: users.email })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(and(eq(authTokens.tokenHash, hashToken(token)), isNull(authTokens.usedAt), gte(authTokens.expiresAt, now), isNull(users.deactivatedAt)))
    .limit(1);
  return row ?? null;
}

/**
 * A reset or invitation link, looked up under the address's throttle: guessing links from one
 * address slows down with each wrong one.
 */
export async function findLinkToken(token: string, ipAddress: string, now = new Date()) {
  const key = throttleKey.invitationAddress(ipAddress);
  await assertNotThrottled([key], now);
  const found = await findUsableToken(token, now);
  if (!found) await registerFailure(key, POLICIES.invitationAddress, now);
  return found;
}

/** Sets a password from an emailed link, uses the link up and signs out every session. */
export async function setPasswordWithToken(input: { token: string; password: string; ipAddress: string; now?: Date }) {
  const now = input.now ?? new Date();
  const found = await findLinkToken(input.token, input.ipAddress, now);
  if (!found) throw AppError.invalid("account.error.linkExpired");
  const passwordHash = await hashPassword(input.password);
  const user = await db.transaction(async (tx) => {
    const used = await tx
      .update(authTokens)
      .set({ usedAt: now })
      .where(and(eq(authTokens.tokenHash, found.tokenHash), isNull(authTokens.usedAt)))
      .returning({ tokenHash: authTokens.tokenHash });
    // Two tabs submitting the same link: only the first one wins.
    if (used.length === 0) throw AppError.invalid("account.error.linkUsed");
    const [updated] = await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, found.userId)).returning();
    await tx.delete(sessions).where(eq(sessions.userId, found.userId));
    await recordAudit(tx, {
      actorId: found.userId,
      action: found.purpose === "invitation" ? "user.invitation_accepted" : "user.password_reset",
      entityType: "user",
      entityId: found.userId,
    });
    if (found.purpose === "password_reset") {
      await queueSecurityNotice(tx, updated!, "password_changed", { ipAddress: input.ipAddress, userAgent: null }, now);
    }
    return updated!;
  });
  return afterPasswordVerified(user, now);
}

/** Changes the password from the profile: needs the current one; ends every other session. */
export async function changePassword(
  actor: { id: string },
  currentSessionId: string,
  input: { currentPassword: string; password: string },
  context: RequestContext,
  now = new Date(),
): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, actor.id)).limit(1);
  if (!user) throw AppError.notFound();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw AppError.invalid("account.error.currentPasswordWrong", { currentPassword: ["account.error.currentPasswordWrong"] });
  }
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, actor.id));
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, actor.id), ne(sessions.id, currentSessionId)))
      .returning({ id: sessions.id });
    await tx.update(sessions).set({ confirmedAt: now }).where(eq(sessions.id, currentSessionId));
    await recordAudit(tx, { actorId: actor.id, action: "user.password_changed", entityType: "user", entityId: actor.id, after: { endedSessions: ended.length } });
    await queueSecurityNotice(tx, user, "password_changed", context, now);
  });
}
