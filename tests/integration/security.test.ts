import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { Secret, TOTP } from "otpauth";
import { afterEach, describe, expect, it } from "vitest";
import * as schema from "#db/schema";
import { auditLog, authTokens, emails, passwordResetRequests, sessions, throttleBuckets } from "#db/schema";
import { changePassword, completeSecondFactor, processPasswordResetRequests, requestPasswordReset, signIn } from "~/modules/accounts/sessions.server";
import { setUserActive } from "~/modules/accounts/users.server";
import { POLICIES, throttleKey } from "~/modules/security/throttle";
import { registerFailure, throttleWait } from "~/modules/security/throttle.server";
import { endAllSessionsOfUser } from "~/modules/security/sessions.server";
import { saveSecuritySettings } from "~/modules/security/settings.server";
import {
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  requireRecentConfirmation,
  startTwoFactorEnrolment,
  twoFactorStatus,
  useSecondFactor,
} from "~/modules/security/two-factor.server";
import { action as sessionsAction, loader as sessionsLoader } from "~/routes/profile_.sessions";
import { createSession, getUser, requireUser } from "~/modules/accounts/auth.server";
import { currentDatabase, openPostgres, useDatabase, type Database, type DatabaseHandle } from "~/utils/db.server";
import { parseEnv } from "~/utils/env.server";
import { createServerApp } from "../../server-app.mjs";
import { createUser, TEST_PASSWORD } from "../factories/accounts";

const context = { ipAddress: "192.0.2.10", userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0" };
const T0 = new Date("2026-12-02T10:00:00.000Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function codeAt(secret: string, when: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: when.getTime() });
}

async function enrolled(role: "engineer" | "admin" | "customer" = "engineer") {
  const user = await createUser(role);
  await startTwoFactorEnrolment(user, T0);
  const status = await twoFactorStatus(user);
  if (status.state !== "pending") throw new Error("enrolment did not start");
  const codes = await confirmTwoFactorEnrolment(user, codeAt(status.manualKey, T0), context, T0);
  return { user, secret: status.manualKey, codes };
}

const db = () => currentDatabase().db;

describe("TOTP two-factor", () => {
  it("enrols with a QR code and a manual key, confirmed by the first code; shows ten recovery codes once", async () => {
    const user = await createUser("engineer");
    await startTwoFactorEnrolment(user, T0);
    const pending = await twoFactorStatus(user);
    expect(pending).toMatchObject({ state: "pending" });
    if (pending.state !== "pending") return;
    expect(pending.otpauthUri).toMatch(/^otpauth:\/\/totp\/Keydesk:.+\?.*secret=[A-Z2-7]+/);
    expect(pending.qrSvg).toMatch(/^<svg/);
    await expect(confirmTwoFactorEnrolment(user, "000000" === codeAt(pending.manualKey, T0) ? "111111" : "000000", context, T0)).rejects.toMatchObject({ code: "invalid" });
    const codes = await confirmTwoFactorEnrolment(user, codeAt(pending.manualKey, T0), context, T0);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // Stored hashed: no code appears in the database.
    const stored = await db().select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(stored.map((r) => r.codeHash)).not.toContain(code.replace("-", ""));
    expect(await twoFactorStatus(user)).toMatchObject({ state: "on", recoveryCodesLeft: 10 });
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "user.two_factor_enabled")));
    expect(audit).toHaveLength(1);
    const [notice] = await db().select().from(emails).where(eq(emails.toAddress, user.email));
    expect(notice?.text).toContain("Two-factor sign-in was turned on");
  });

  it("accepts a code within ±1 step, refuses further skew and refuses any replay", async () => {
    const { user, secret } = await enrolled();
    // The enrolment used T0's step: the same code again is a replay.
    expect(await useSecondFactor(user.id, codeAt(secret, T0), at(5))).toBeNull();
    // Two steps ahead of the clock: refused. One step ahead: accepted, once.
    expect(await useSecondFactor(user.id, codeAt(secret, at(90)), at(30))).toBeNull();
    expect(await useSecondFactor(user.id, codeAt(secret, at(60)), at(30))).toBe("totp");
    expect(await useSecondFactor(user.id, codeAt(secret, at(60)), at(35))).toBeNull();
    // A code from an earlier step than the last one used is refused too (no going back).
    expect(await useSecondFactor(user.id, codeAt(secret, at(30)), at(40))).toBeNull();
    expect(await useSecondFactor(user.id, codeAt(secret, at(90)), at(90))).toBe("totp");
  });

  it("lets two requests with the same code succeed only once", async () => {
    const { user, secret } = await enrolled();
    const code = codeAt(secret, at(30));
    const results = await Promise.all([useSecondFactor(user.id, code, at(30)), useSecondFactor(user.id, code, at(30))]);
    expect(results.filter((r) => r === "totp")).toHaveLength(1);
  });

  it("uses each recovery code once", async () => {
    const { user, codes } = await enrolled();
    expect(await useSecondFactor(user.id, codes[0]!, at(10))).toBe("recovery");
    expect(await useSecondFactor(user.id, codes[0]!, at(11))).toBeNull();
    expect(await useSecondFactor(user.id, codes[1]!.toUpperCase(), at(12))).toBe("recovery");
    expect(await twoFactorStatus(user)).toMatchObject({ recoveryCodesLeft: 8 });
    const used = await db().select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "user.recovery_code_used")));
    expect(used).toHaveLength(2);
  });

  it("signs in with the password and then a code; the password alone does not make a session", async () => {
    const { user, secret } = await enrolled();
    const first = await signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "192.0.2.20", now: at(60) });
    expect(first.kind).toBe("second_factor");
    if (first.kind !== "second_factor") return;
    expect(await db().select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    await expect(completeSecondFactor({ pendingToken: first.pendingToken, code: "12345", ipAddress: "192.0.2.20", now: at(61) })).rejects.toMatchObject({ code: "invalid" });
    const signedIn = await completeSecondFactor({ pendingToken: first.pendingToken, code: codeAt(secret, at(61)), ipAddress: "192.0.2.20", now: at(61) });
    expect(signedIn.id).toBe(user.id);
    // The pending sign-in is used up.
    await expect(completeSecondFactor({ pendingToken: first.pendingToken, code: codeAt(secret, at(91)), ipAddress: "192.0.2.20", now: at(91) })).rejects.toMatchObject({ message: "account.error.signInExpired" });
  });

  it("slows down code guessing for a pending sign-in", async () => {
    const { user } = await enrolled();
    const first = await signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "192.0.2.21", now: at(60) });
    if (first.kind !== "second_factor") throw new Error("expected a second factor");
    for (let i = 0; i <= POLICIES.secondFactorUser.free; i++) {
      await completeSecondFactor({ pendingToken: first.pendingToken, code: "999999", ipAddress: "192.0.2.21", now: at(61) }).catch(() => null);
    }
    await expect(completeSecondFactor({ pendingToken: first.pendingToken, code: "999999", ipAddress: "192.0.2.21", now: at(61) })).rejects.toMatchObject({
      code: "rate_limited",
    });
  });

  it("is turned off only with the password and a current code", async () => {
    const { user, secret } = await enrolled();
    await expect(disableTwoFactor(user, { password: "wrong password", code: codeAt(secret, at(30)) }, context, at(30))).rejects.toMatchObject({ code: "invalid" });
    await expect(disableTwoFactor(user, { password: TEST_PASSWORD, code: "123456" === codeAt(secret, at(30)) ? "654321" : "123456" }, context, at(30))).rejects.toMatchObject({ code: "invalid" });
    await disableTwoFactor(user, { password: TEST_PASSWORD, code: codeAt(secret, at(30)) }, context, at(30));
    expect(await twoFactorStatus(user)).toEqual({ state: "off" });
  });

  it("restricts a staff session to enrolment when two-factor is required and not set up", async () => {
    await saveSecuritySettings({ requireTwoFactorForStaff: true });
    const engineer = await createUser("engineer");
    const outcome = await signIn({ email: engineer.email, password: TEST_PASSWORD, ipAddress: "192.0.2.22" });
    expect(outcome).toMatchObject({ kind: "session", mustEnrolTwoFactor: true });
    const customer = await createUser("customer");
    expect(await signIn({ email: customer.email, password: TEST_PASSWORD, ipAddress: "192.0.2.22" })).toMatchObject({ kind: "session", mustEnrolTwoFactor: false });

    const cookie = (await createSession(engineer.id, new Request("http://keydesk.test/"), { mustEnrolTwoFactor: true })).split(";")[0]!;
    const desk = await requireUser(new Request("http://keydesk.test/desk", { headers: { Cookie: cookie } })).catch((r: Response) => r);
    expect(desk).toBeInstanceOf(Response);
    expect((desk as Response).headers.get("Location")).toBe("/profile/two-factor");
    await expect(requireUser(new Request("http://keydesk.test/profile/two-factor", { headers: { Cookie: cookie } }))).resolves.toMatchObject({ id: engineer.id });
    await saveSecuritySettings({ requireTwoFactorForStaff: false });
    expect(await signIn({ email: engineer.email, password: TEST_PASSWORD, ipAddress: "192.0.2.22" })).toMatchObject({ mustEnrolTwoFactor: false });
  });

  it("asks for the password or a code again before a sensitive action after 15 minutes", async () => {
    const { user, secret } = await enrolled();
    const session = { id: crypto.randomUUID(), confirmedAt: T0 };
    await expect(requireRecentConfirmation(user, session, null, at(14 * 60))).resolves.toBeUndefined();
    await expect(requireRecentConfirmation(user, session, null, at(16 * 60))).rejects.toMatchObject({ fieldErrors: { confirmSecret: expect.any(Array) } });
    await expect(requireRecentConfirmation(user, session, "not my password", at(16 * 60))).rejects.toMatchObject({ code: "invalid" });
    await expect(requireRecentConfirmation(user, session, TEST_PASSWORD, at(16 * 60))).resolves.toBeUndefined();
    await expect(requireRecentConfirmation(user, session, codeAt(secret, at(16 * 60)), at(16 * 60))).resolves.toBeUndefined();
  });
});

describe("sessions", () => {
  const request = (cookie: string, url = "http://keydesk.test/profile/sessions", init: RequestInit = {}) =>
    new Request(url, { ...init, headers: { Cookie: cookie, "User-Agent": context.userAgent, "x-keydesk-client-ip": "192.0.2.30", ...(init.headers ?? {}) } });
  const cookieFor = async (userId: string, ua: string) =>
    (await createSession(userId, new Request("http://keydesk.test/", { headers: { "User-Agent": ua, "x-keydesk-client-ip": "192.0.2.31" } }))).split(";")[0]!;

  it("lists the user's sessions with device, address and times; ending one signs that browser out on its next request", async () => {
    const customer = await createUser("customer");
    const mine = await cookieFor(customer.id, context.userAgent);
    const other = await cookieFor(customer.id, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
    const stranger = await createUser("customer");
    const strangers = await cookieFor(stranger.id, context.userAgent);

    const listed = await sessionsLoader({ request: request(mine), params: {}, context: {} });
    expect(listed.sessions).toHaveLength(2);
    expect(listed.sessions[0]).toMatchObject({ current: true, browser: "Firefox", os: "Linux", ipAddress: "192.0.2.31" });
    const otherSession = listed.sessions.find((s) => !s.current)!;
    expect(otherSession).toMatchObject({ browser: "Chrome", os: "Windows" });

    // Someone else's session id is not found, and the stranger stays signed in.
    const strangerSession = (await sessionsLoader({ request: request(strangers), params: {}, context: {} })).sessions[0]!;
    const refused = await sessionsAction({ request: request(mine, undefined, { method: "POST", body: new URLSearchParams({ sessionId: strangerSession.id }) }), params: {}, context: {} }).catch((e: Response) => e);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(404);
    expect(await getUser(request(strangers))).toMatchObject({ id: stranger.id });
    // Not a uuid: a 400, not a server error.
    const bad = await sessionsAction({ request: request(mine, undefined, { method: "POST", body: new URLSearchParams({ sessionId: "x" }) }), params: {}, context: {} });
    expect((bad as { init: ResponseInit | null }).init?.status).toBe(400);

    await sessionsAction({ request: request(mine, undefined, { method: "POST", body: new URLSearchParams({ sessionId: otherSession.id }) }), params: {}, context: {} });
    expect(await getUser(request(other))).toBeNull();
    const redirected = await requireUser(request(other, "http://keydesk.test/portal")).catch((r: Response) => r);
    expect((redirected as Response).headers.get("Location")).toBe("/login?redirectTo=%2Fportal");
    expect(await getUser(request(mine))).toMatchObject({ id: customer.id });
  });

  it("ends all other sessions, on request and when the password changes", async () => {
    const customer = await createUser("customer");
    const mine = await cookieFor(customer.id, context.userAgent);
    const a = await cookieFor(customer.id, "A");
    await sessionsAction({ request: request(mine, undefined, { method: "POST", body: new URLSearchParams({ intent: "end-others" }) }), params: {}, context: {} });
    expect(await getUser(request(a))).toBeNull();
    expect(await getUser(request(mine))).not.toBeNull();

    const b = await cookieFor(customer.id, "B");
    const current = (await sessionsLoader({ request: request(mine), params: {}, context: {} })).sessions.find((s) => s.current)!;
    await expect(changePassword(customer, current.id, { currentPassword: "wrong", password: "a new long password" }, context)).rejects.toMatchObject({ code: "invalid" });
    await changePassword(customer, current.id, { currentPassword: TEST_PASSWORD, password: "a new long password" }, context);
    expect(await getUser(request(b))).toBeNull();
    expect(await getUser(request(mine))).not.toBeNull();
    const audit = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, customer.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["user.sessions_ended", "user.password_changed"]));
  });

  it("lets an admin end a user's sessions, and deactivation does it too", async () => {
    const admin = await createUser("admin");
    const engineer = await createUser("engineer");
    const cookie = await cookieFor(engineer.id, "X");
    await expect(endAllSessionsOfUser(engineer, admin.id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await endAllSessionsOfUser(admin, engineer.id)).toBe(1);
    expect(await getUser(request(cookie))).toBeNull();
    const again = await cookieFor(engineer.id, "Y");
    await setUserActive(admin, engineer.id, false);
    expect(await getUser(request(again))).toBeNull();
  });

  it("ends a session after the idle timeout (staff 12 h, customers 30 days) and after its absolute lifetime", async () => {
    const engineer = await createUser("engineer");
    const customer = await createUser("customer");
    const staffCookie = await cookieFor(engineer.id, "S");
    const customerCookie = await cookieFor(customer.id, "C");
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    await db().update(sessions).set({ lastSeenAt: hoursAgo(13) }).where(eq(sessions.userId, engineer.id));
    await db().update(sessions).set({ lastSeenAt: hoursAgo(13) }).where(eq(sessions.userId, customer.id));
    expect(await getUser(request(staffCookie))).toBeNull();
    expect(await getUser(request(customerCookie))).toMatchObject({ id: customer.id });
    await db().update(sessions).set({ expiresAt: hoursAgo(0.01) }).where(eq(sessions.userId, customer.id));
    expect(await getUser(request(customerCookie))).toBeNull();
  });
});

describe("throttling without lock-out", () => {
  it("slows one address guessing one account, but the owner still signs in from elsewhere", async () => {
    const user = await createUser("customer");
    const now = new Date();
    for (let i = 0; i <= POLICIES.signInAccountAddress.free; i++) {
      await signIn({ email: user.email, password: "wrong password", ipAddress: "198.51.100.9", now }).catch(() => null);
    }
    const held = await signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "198.51.100.9", now }).catch((e) => e);
    expect(held).toMatchObject({ code: "rate_limited" });
    expect(held.retryAfterSeconds).toBeGreaterThan(0);
    // Another address: not held back (the per-account limit only starts after many more failures).
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "198.51.100.10", now })).resolves.toMatchObject({ kind: "session" });
    // The wait passes: the same address may try again.
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "198.51.100.9", now: new Date(now.getTime() + 3_000) })).resolves.toMatchObject({ kind: "session" });
    const throttled = await db().select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "user.sign_in_throttled")));
    expect(throttled).toHaveLength(1);
  });

  it("lets a known device past the per-account slow-down that many addresses cause", async () => {
    const user = await createUser("customer");
    const now = new Date();
    for (let i = 0; i <= POLICIES.signInAccount.free; i++) {
      await signIn({ email: user.email, password: "wrong password", ipAddress: `203.0.113.${i + 1}`, now }).catch(() => null);
    }
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "203.0.113.200", now })).rejects.toMatchObject({ code: "rate_limited" });
    // A browser that signed in before carries its device cookie.
    const { recordSignIn } = await import("~/modules/accounts/sessions.server");
    const fullUser = (await db().select().from(schema.users).where(eq(schema.users.id, user.id)))[0]!;
    const { deviceToken } = await recordSignIn(fullUser, { deviceToken: null, context, method: "password", now });
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "203.0.113.201", deviceToken, now })).resolves.toMatchObject({ kind: "session" });
    // …and clears the account's counter.
    expect(await throttleWait([throttleKey.signInAccount(user.email)], now)).toBe(0);
  });

  it("is the same for an unknown email, so the limit tells nothing about accounts", async () => {
    const now = new Date();
    for (let i = 0; i <= POLICIES.signInAccountAddress.free; i++) {
      await signIn({ email: "nobody@example.com", password: "x", ipAddress: "198.51.100.77", now }).catch(() => null);
    }
    await expect(signIn({ email: "nobody@example.com", password: "x", ipAddress: "198.51.100.77", now })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it.runIf(currentDriver() === "postgres")("is shared by two app instances on one PostgreSQL database", async () => {
    const [{ name }] = (await db().execute(sql`select current_database() as name`)) as unknown as Array<{ name: string }>;
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    const first = currentDatabase();
    const second = openPostgres(url.toString(), 2);
    try {
      const key = throttleKey.signInAccountAddress("shared@example.com", "198.51.100.50");
      const now = new Date();
      // Instance one counts the failures …
      for (let i = 0; i <= POLICIES.signInAccountAddress.free; i++) await registerFailure(key, POLICIES.signInAccountAddress, now, first.db);
      // … instance two sees the hold, and its own failures add to the same counter.
      expect(await throttleWait([key], now, second.db)).toBeGreaterThan(0);
      await registerFailure(key, POLICIES.signInAccountAddress, now, second.db);
      const [row] = await first.db.select().from(throttleBuckets).where(eq(throttleBuckets.key, key));
      expect(row?.hits).toBe(POLICIES.signInAccountAddress.free + 2);
      // Concurrent failures from both instances are all counted (atomic upserts).
      const other = throttleKey.signInAddress("198.51.100.51");
      await Promise.all(Array.from({ length: 20 }, (_, i) => registerFailure(other, POLICIES.signInAddress, now, i % 2 ? first.db : second.db)));
      const [counted] = await second.db.select().from(throttleBuckets).where(eq(throttleBuckets.key, other));
      expect(counted?.hits).toBe(20);
    } finally {
      await second.close();
    }
  });
});

function currentDriver() {
  return process.env.KEYDESK_TEST_DRIVER;
}

describe("password reset requests", () => {
  /** Records the SQL that a piece of work sends, through a second drizzle instance on the same connection. */
  async function sqlOf(work: () => Promise<void>): Promise<string[]> {
    const handle = currentDatabase();
    const log: string[] = [];
    const logger = { logQuery: (query: string) => log.push(query) };
    const client = (handle.db as unknown as { $client: never }).$client;
    const logged = (
      handle.kind === "pglite"
        ? drizzlePglite({ client, schema, casing: "snake_case", logger })
        : drizzlePostgres({ client, schema, casing: "snake_case", logger })
    ) as unknown as Database;
    useDatabase({ ...handle, db: logged } as DatabaseHandle);
    try {
      await work();
    } finally {
      useDatabase(handle);
    }
    return log;
  }

  it("runs the same statements for a known and an unknown address, and answers later from a job", async () => {
    const user = await createUser("customer");
    const known = await sqlOf(() => requestPasswordReset({ email: user.email, ipAddress: "192.0.2.40" }));
    const unknown = await sqlOf(() => requestPasswordReset({ email: "no-such-login@example.com", ipAddress: "192.0.2.41" }));
    expect(known.length).toBeGreaterThan(0);
    expect(unknown).toEqual(known);
    // Neither request touched the users, tokens or emails.
    expect(known.join("\n")).not.toMatch(/"users"|"auth_tokens"|"emails"/);
    expect(await db().select().from(authTokens).where(eq(authTokens.userId, user.id))).toHaveLength(0);
    expect(await db().select().from(passwordResetRequests)).toHaveLength(2);

    await processPasswordResetRequests();
    expect(await db().select().from(emails).where(eq(emails.toAddress, user.email))).toHaveLength(1);
    expect(await db().select().from(emails).where(eq(emails.toAddress, "no-such-login@example.com"))).toHaveLength(0);
  });

  it("sends at most one email per address per 5 minutes", async () => {
    const user = await createUser("customer");
    const now = new Date();
    await requestPasswordReset({ email: user.email, ipAddress: "192.0.2.42", now });
    await requestPasswordReset({ email: user.email, ipAddress: "192.0.2.43", now: new Date(now.getTime() + 60_000) });
    await processPasswordResetRequests();
    expect(await db().select().from(emails).where(eq(emails.toAddress, user.email))).toHaveLength(1);
    await requestPasswordReset({ email: user.email, ipAddress: "192.0.2.43", now: new Date(now.getTime() + 301_000) });
    await processPasswordResetRequests();
    expect(await db().select().from(emails).where(eq(emails.toAddress, user.email))).toHaveLength(2);
  });
});

describe("the HTTP server", () => {
  let close: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await close?.();
    close = null;
  });

  async function serve(trustedProxies: string[]) {
    const app = createServerApp({
      trustedProxies,
      handler: (req, res) => {
        if (req.path === "/file") res.append("Content-Security-Policy", "sandbox");
        res.json({ ip: req.headers["x-keydesk-client-ip"], nonce: res.locals.cspNonce });
      },
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("takes the client address from X-Forwarded-For only when the peer is a trusted proxy", async () => {
    const untrusted = await serve([]);
    const spoofed = await (await fetch(`${untrusted}/x`, { headers: { "X-Forwarded-For": "203.0.113.66" } })).json();
    expect(spoofed.ip).toMatch(/127\.0\.0\.1$/);
    await close!();
    close = null;

    const otherProxy = await serve(["10.0.0.5"]);
    expect((await (await fetch(`${otherProxy}/x`, { headers: { "X-Forwarded-For": "203.0.113.66" } })).json()).ip).toMatch(/127\.0\.0\.1$/);
    await close!();
    close = null;

    const trusted = await serve(["loopback"]);
    expect((await (await fetch(`${trusted}/x`, { headers: { "X-Forwarded-For": "203.0.113.66" } })).json()).ip).toBe("203.0.113.66");
    // A client's own X-Forwarded-For entries before the proxy's are not believed.
    expect((await (await fetch(`${trusted}/x`, { headers: { "X-Forwarded-For": "6.6.6.6, 203.0.113.67" } })).json()).ip).toBe("203.0.113.67");
    // Nobody can set the internal header themselves.
    expect((await (await fetch(`${trusted}/x`, { headers: { "x-keydesk-client-ip": "1.2.3.4" } })).json()).ip).toMatch(/127\.0\.0\.1$/);
  });

  it("sends a strict policy with a fresh nonce per request; a route's own policy replaces it", async () => {
    const base = await serve([]);
    const one = await fetch(`${base}/x`);
    const two = await fetch(`${base}/x`);
    const csp = one.headers.get("content-security-policy")!;
    const { nonce } = await one.json();
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(two.headers.get("content-security-policy")).not.toBe(csp);
    expect(one.headers.get("x-frame-options")).toBe("DENY");
    expect(one.headers.get("referrer-policy")).toBe("same-origin");
    expect(one.headers.get("x-content-type-options")).toBe("nosniff");
    expect(one.headers.get("permissions-policy")).toContain("camera=()");
    expect(one.headers.get("strict-transport-security")).toBeNull();
    expect((await fetch(`${base}/file`)).headers.get("content-security-policy")).toBe("sandbox");
  });

  it("sends HSTS in production", async () => {
    const app = createServerApp({ production: true, handler: (_req, res) => void res.send("ok") });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
  });

  it("reads TRUSTED_PROXIES and explains that TRUST_PROXY=true was replaced", () => {
    expect(parseEnv({ TRUSTED_PROXIES: "loopback, 10.0.0.0/8" , SESSION_SECRET: "x".repeat(32), ENCRYPTION_KEY: Buffer.alloc(32).toString("base64"), LICENCE_SIGNING_KEY: "-----BEGIN PRIVATE KEY-----" }).TRUSTED_PROXIES).toEqual(["loopback", "10.0.0.0/8"]);
    expect(() => parseEnv({ TRUSTED_PROXIES: "not-an-address" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseEnv({ TRUST_PROXY: "true" })).toThrow(/replaced by TRUSTED_PROXIES/);
  });
});
