import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, isNull } from "drizzle-orm";
import { sessions, users, type User } from "#db/schema";
import { can, homePathFor, isStaff, type Permission } from "~/modules/accounts/permissions";
import { SESSION_DAYS } from "~/modules/accounts/schemas";
import { createToken, hashToken } from "./crypto.server";
import { db } from "./db.server";
import { getEnv } from "./env.server";

let sessionCookie: ReturnType<typeof createCookie> | null = null;

function cookie() {
  const env = getEnv();
  sessionCookie ??= createCookie("kd_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.SECURE_COOKIES,
    secrets: [env.SESSION_SECRET],
    maxAge: SESSION_DAYS * 24 * 3600,
  });
  return sessionCookie;
}

export type SessionUser = Pick<
  User,
  "id" | "email" | "name" | "role" | "organisationId" | "isPrimaryContact" | "locale" | "timeZone"
>;

export function clientAddress(request: Request): string {
  // server.mjs puts the socket address here; behind a proxy, Express's trust proxy setting decides.
  return request.headers.get("x-keydesk-client-ip") ?? "unknown";
}

async function readSessionToken(request: Request): Promise<string | null> {
  const value = await cookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** Starts a session and returns the Set-Cookie header value. */
export async function createSession(userId: string, request: Request, now = new Date()): Promise<string> {
  const { token, hash } = createToken();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 24 * 3600 * 1000);
  await db.insert(sessions).values({
    tokenHash: hash,
    userId,
    expiresAt,
    userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null,
    ipAddress: clientAddress(request),
  });
  return cookie().serialize(token);
}

export async function destroySession(request: Request): Promise<string> {
  const token = await readSessionToken(request);
  if (token) await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  return cookie().serialize("", { maxAge: 0 });
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      organisationId: users.organisationId,
      isPrimaryContact: users.isPrimaryContact,
      locale: users.locale,
      timeZone: users.timeZone,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, new Date()), isNull(users.deactivatedAt)))
    .limit(1);
  return row ?? null;
}

function safeRedirectTarget(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    throw redirect(`/login?redirectTo=${encodeURIComponent(safeRedirectTarget(request))}`);
  }
  return user;
}

/** Throws 403 (staff) or 404 (customers, who must not learn that a staff page exists). */
export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, permission)) {
    throw new Response(isStaff(user.role) ? "Forbidden" : "Not found", { status: isStaff(user.role) ? 403 : 404 });
  }
  return user;
}

export async function requireStaff(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!isStaff(user.role)) throw new Response("Not found", { status: 404 });
  return user;
}

export async function requireCustomer(request: Request): Promise<SessionUser & { organisationId: string }> {
  const user = await requireUser(request);
  if (user.role !== "customer" || !user.organisationId) throw redirect(homePathFor(user.role));
  return user as SessionUser & { organisationId: string };
}

export async function redirectIfSignedIn(request: Request): Promise<void> {
  const user = await getUser(request);
  if (user) throw redirect(homePathFor(user.role));
}

/** Only same-site paths are followed after sign-in (no open redirects). */
export function safeRedirect(to: string | undefined | null, fallback: string): string {
  if (!to || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
