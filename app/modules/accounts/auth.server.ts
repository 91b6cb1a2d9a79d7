import { requestScope } from "~/utils/request-scope.server";
import { createCookie, redirect } from "@remix-run/node";
import { and, eq, gt, isNull } from "drizzle-orm";
import { sessions, users, type User } from "#db/schema";
import { can, homePathFor, isStaff, type Permission } from "./permissions";
import { absoluteExpiry, sessionAlive, shouldTouch } from "~/modules/security/policy";
import { getSecuritySettings } from "~/modules/security/settings.server";
import { createToken, hashToken } from "~/utils/crypto.server";
import { db, type Executor } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

let sessionCookie: ReturnType<typeof createCookie> | null = null;
let deviceCookie: ReturnType<typeof createCookie> | null = null;
let pendingCookie: ReturnType<typeof createCookie> | null = null;

function cookie() {
  const env = getEnv();
  sessionCookie ??= createCookie("kd_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.SECURE_COOKIES,
    secrets: [env.SESSION_SECRET],
  });
  return sessionCookie;
}

/** A long-lived random id per browser: sign-ins from a known device skip the per-account slow-down. */
export function knownDeviceCookie() {
  const env = getEnv();
  deviceCookie ??= createCookie("kd_device", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: env.SECURE_COOKIES,
    secrets: [env.SESSION_SECRET],
    maxAge: 400 * 24 * 3600,
  });
  return deviceCookie;
}

/** Between a right password and the second factor (10 minutes). */
export function pendingSignInCookie() {
  const env = getEnv();
  pendingCookie ??= createCookie("kd_2fa", {
    httpOnly: true,
    sameSite: "lax",
    path: "/login",
    secure: env.SECURE_COOKIES,
    secrets: [env.SESSION_SECRET],
    maxAge: 10 * 60,
  });
  return pendingCookie;
}

export async function readCookieToken(c: ReturnType<typeof createCookie>, request: Request): Promise<string | null> {
  const value = await c.parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 0 ? value : null;
}

export type SessionUser = Pick<
  User,
  "id" | "email" | "name" | "role" | "organisationId" | "isPrimaryContact" | "locale" | "timeZone"
>;

/** The session behind the request: its public id, last confirmation and enrolment restriction. */
export type CurrentSession = { id: string; confirmedAt: Date; mustEnrolTwoFactor: boolean };

export function clientAddress(request: Request): string {
  // server-process.mjs puts the socket address here, or the X-Forwarded-For entry added by a trusted proxy.
  return request.headers.get("x-keydesk-client-ip") ?? "unknown";
}

export function requestContext(request: Request): { ipAddress: string; userAgent: string | null } {
  return { ipAddress: clientAddress(request), userAgent: request.headers.get("user-agent")?.slice(0, 300) ?? null };
}

async function readSessionToken(request: Request): Promise<string | null> {
  return readCookieToken(cookie(), request);
}

/** Starts a session and returns the Set-Cookie header value. */
export async function createSession(
  userId: string,
  request: Request,
  options: { now?: Date; mustEnrolTwoFactor?: boolean; executor?: Executor } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const executor = options.executor ?? db;
  const settings = await getSecuritySettings(executor);
  const { token, hash } = createToken();
  const expiresAt = absoluteExpiry(now, settings);
  const context = requestContext(request);
  await executor.insert(sessions).values({
    tokenHash: hash,
    userId,
    expiresAt,
    createdAt: now,
    lastSeenAt: now,
    confirmedAt: now,
    mustEnrolTwoFactor: options.mustEnrolTwoFactor ?? false,
    userAgent: context.userAgent,
    ipAddress: context.ipAddress,
  });
  return cookie().serialize(token, { maxAge: Math.max(60, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)) });
}

export async function destroySession(request: Request): Promise<string> {
  const token = await readSessionToken(request);
  if (token) await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
  return cookie().serialize("", { maxAge: 0 });
}

type Loaded = { user: SessionUser; session: CurrentSession } | null;
// Several loaders of one page view ask for the user: one lookup per page view (request-scope.server.ts).
const perRequest = new WeakMap<object, Promise<Loaded>>();

async function loadSession(request: Request): Promise<Loaded> {
  const token = await readSessionToken(request);
  if (!token) return null;
  const now = new Date();
  const tokenHash = hashToken(token);
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
      sessionId: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      confirmedAt: sessions.confirmedAt,
      mustEnrolTwoFactor: sessions.mustEnrolTwoFactor,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.deactivatedAt)))
    .limit(1);
  if (!row) return null;
  const settings = await getSecuritySettings();
  if (!sessionAlive(row, row.role, settings, now)) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  if (shouldTouch(row.lastSeenAt, now)) {
    await db.update(sessions).set({ lastSeenAt: now, ipAddress: clientAddress(request) }).where(eq(sessions.tokenHash, tokenHash));
  }
  const { sessionId, createdAt: _c, lastSeenAt: _l, expiresAt: _e, confirmedAt, mustEnrolTwoFactor, ...user } = row;
  return { user, session: { id: sessionId, confirmedAt, mustEnrolTwoFactor } };
}

function currentSession(request: Request): Promise<Loaded> {
  const scope = requestScope(request);
  let loaded = perRequest.get(scope);
  if (!loaded) {
    loaded = loadSession(request);
    perRequest.set(scope, loaded);
  }
  return loaded;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await currentSession(request))?.user ?? null;
}

/** Paths a session that must first enrol in two-factor may still use. */
const ENROLMENT_PATHS = ["/profile/two-factor", "/logout", "/set-language", "/preferences"];

function safeRedirectTarget(request: Request): string {
  const url = new URL(request.url);
  return `${url.pathname}${url.search}`;
}

/** The signed-in user and their session; redirects to sign-in, or to two-factor set-up when it is required first. */
export async function requireSession(request: Request): Promise<{ user: SessionUser; session: CurrentSession }> {
  const loaded = await currentSession(request);
  if (!loaded) {
    throw redirect(`/login?redirectTo=${encodeURIComponent(safeRedirectTarget(request))}`);
  }
  if (loaded.session.mustEnrolTwoFactor && !ENROLMENT_PATHS.includes(new URL(request.url).pathname)) {
    throw redirect("/profile/two-factor");
  }
  return loaded;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  return (await requireSession(request)).user;
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


