import { and, count, eq, gte, isNull } from "drizzle-orm";
import { authTokens, sessions, signInAttempts, users } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { createToken, hashToken } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { toNumber } from "~/utils/db.server";
import { hashPassword, verifyPassword } from "./password.server";
import { expiresAfterMinutes, isLockedOut, LOCKOUT, PASSWORD_RESET_MINUTES } from "./schemas";

const WRONG_CREDENTIALS = "The email or password is not right.";
const LOCKED = `Too many failed sign-in attempts. Wait ${LOCKOUT.windowMinutes} minutes and try again, or reset your password.`;

/**
 * Checks credentials. The messages never tell whether the email exists, and repeated failures
 * lock the account and the address for a while whether or not the account exists.
 */
export async function signIn(input: { email: string; password: string; ipAddress: string; now?: Date }) {
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - LOCKOUT.windowMinutes * 60_000);
  const [byEmail] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, input.email), eq(signInAttempts.succeeded, false), gte(signInAttempts.at, since)));
  const [byAddress] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(
      and(eq(signInAttempts.ipAddress, input.ipAddress), eq(signInAttempts.succeeded, false), gte(signInAttempts.at, since)),
    );
  if (isLockedOut({ byEmail: toNumber(byEmail?.n), byAddress: toNumber(byAddress?.n) })) {
    throw new AppError("rate_limited", LOCKED, undefined, LOCKOUT.windowMinutes * 60);
  }

  const [user] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
  const active = user && !user.deactivatedAt;
  const ok = await verifyPassword(active ? user.passwordHash : null, input.password);
  await db.insert(signInAttempts).values({ email: input.email, ipAddress: input.ipAddress, succeeded: ok, at: now });
  if (!ok || !user) throw AppError.invalid(WRONG_CREDENTIALS);
  await db.update(users).set({ lastSignedInAt: now }).where(eq(users.id, user.id));
  return user;
}

/** Always "succeeds" from the caller's point of view, so it cannot be used to probe for accounts. */
export async function requestPasswordReset(input: { email: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const [user] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
  if (!user || user.deactivatedAt) return;
  const { token, hash } = createToken();
  await db.transaction(async (tx) => {
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
  });
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

/** Sets a password from an emailed link, uses the link up and signs out every other session. */
export async function setPasswordWithToken(input: { token: string; password: string; now?: Date }) {
  const now = input.now ?? new Date();
  const found = await findUsableToken(input.token, now);
  if (!found) throw AppError.invalid("This link has expired or was already used. Ask for a new one.");
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const used = await tx
      .update(authTokens)
      .set({ usedAt: now })
      .where(and(eq(authTokens.tokenHash, found.tokenHash), isNull(authTokens.usedAt)))
      .returning({ tokenHash: authTokens.tokenHash });
    // Two tabs submitting the same link: only the first one wins.
    if (used.length === 0) throw AppError.invalid("This link was already used. Ask for a new one.");
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, found.userId));
    await tx.delete(sessions).where(eq(sessions.userId, found.userId));
    await recordAudit(tx, {
      actorId: found.userId,
      action: found.purpose === "invitation" ? "user.invitation_accepted" : "user.password_reset",
      entityType: "user",
      entityId: found.userId,
    });
  });
  return { userId: found.userId };
}
