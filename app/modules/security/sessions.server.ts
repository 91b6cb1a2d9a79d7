import { and, desc, eq, gt, ne } from "drizzle-orm";
import { sessions } from "#db/schema";
import { can, type Actor } from "~/modules/accounts/permissions";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { describeUserAgent } from "./policy";

export type SessionListItem = {
  id: string;
  browser: string;
  os: string;
  ipAddress: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

/** The user's own live sessions, the current one first, then by last activity. */
export async function listOwnSessions(actor: Actor, currentSessionId: string, now = new Date()): Promise<SessionListItem[]> {
  const rows = await db
    .select({ id: sessions.id, userAgent: sessions.userAgent, ipAddress: sessions.ipAddress, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.userId, actor.id), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(200);
  const items = rows.map(({ userAgent, ...row }) => ({ ...row, ...describeUserAgent(userAgent), current: row.id === currentSessionId }));
  return [...items.filter((i) => i.current), ...items.filter((i) => !i.current)];
}

/** Ends one of the user's own sessions (someone else's id is "not found"). */
export async function endOwnSession(actor: Actor, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.id)))
      .returning({ id: sessions.id });
    if (ended.length === 0) throw AppError.notFound("security.error.sessionEnded");
    await recordAudit(tx, { actorId: actor.id, action: "user.session_ended", entityType: "user", entityId: actor.id, after: { sessions: 1 } });
  });
}

/** Ends every session of the user except the one making the request. */
export async function endOtherSessions(actor: Actor, currentSessionId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, actor.id), ne(sessions.id, currentSessionId)))
      .returning({ id: sessions.id });
    await recordAudit(tx, { actorId: actor.id, action: "user.sessions_ended", entityType: "user", entityId: actor.id, after: { sessions: ended.length } });
    return ended.length;
  });
}

/** An admin signs a user out everywhere. */
export async function endAllSessionsOfUser(actor: Actor, userId: string): Promise<number> {
  if (!can(actor, "manage:user:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const ended = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    await recordAudit(tx, { actorId: actor.id, action: "user.sessions_ended", entityType: "user", entityId: userId, after: { sessions: ended.length } });
    return ended.length;
  });
}
