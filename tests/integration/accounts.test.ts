import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, authTokens, emails, sessions, users } from "#db/schema";
import { getContact, inviteContact, inviteUser, listContacts, setUserActive, changeRole } from "~/modules/accounts/users.server";
import { processPasswordResetRequests, requestPasswordReset, setPasswordWithToken, signIn } from "~/modules/accounts/sessions.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { createOrganisation, createUser, TEST_PASSWORD } from "../factories/accounts";

function tokenFromEmail(text: string, path: string): string {
  const match = text.match(new RegExp(`${path}/([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in email`);
  return match[1]!;
}

describe("sign-in", () => {
  it("accepts the right password and rejects a wrong one with the same message as an unknown email", async () => {
    const user = await createUser("engineer");
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "10.0.0.1" })).resolves.toMatchObject({ kind: "session", user: { id: user.id } });
    const wrong = await signIn({ email: user.email, password: "nope nope nope", ipAddress: "10.0.0.1" }).catch((e) => e);
    const unknown = await signIn({ email: "ghost@example.com", password: "nope nope nope", ipAddress: "10.0.0.1" }).catch((e) => e);
    expect(wrong).toBeInstanceOf(AppError);
    expect(wrong.message).toBe("account.error.wrongCredentials");
    expect(wrong.message).toBe(unknown.message);
  });

  it("refuses a deactivated login", async () => {
    const admin = await createUser("admin");
    const user = await createUser("engineer");
    await setUserActive(admin, user.id, false);
    await expect(signIn({ email: user.email, password: TEST_PASSWORD, ipAddress: "10.3.0.1" })).rejects.toThrow("account.error.wrongCredentials");
  });
});

/** Runs the job that answers reset requests, then returns the newest email to the address. */
async function resetEmailFor(email: string, now = new Date()) {
  await processPasswordResetRequests(now);
  const mails = await db.select().from(emails).where(eq(emails.toAddress, email));
  return mails.at(-1);
}

describe("password reset", () => {
  it("emails a single-use link that sets the password and ends other sessions", async () => {
    const user = await createUser("customer");
    await db.insert(sessions).values({ tokenHash: `old-${user.id}`, userId: user.id, expiresAt: new Date(Date.now() + 3600_000) });
    await requestPasswordReset({ email: user.email, ipAddress: "10.4.0.2" });
    const mail = await resetEmailFor(user.email);
    expect(mail?.status).toBe("outbox");
    expect(mail?.subject).toMatch(/Reset your Keydesk password/);
    const token = tokenFromEmail(mail!.text, "reset-password");

    await setPasswordWithToken({ token, password: "a brand new password", ipAddress: "10.4.0.2" });
    await expect(signIn({ email: user.email, password: "a brand new password", ipAddress: "10.4.0.1" })).resolves.toBeTruthy();
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    await expect(setPasswordWithToken({ token, password: "another password!", ipAddress: "10.4.0.2" })).rejects.toThrow("account.error.linkExpired");
    // The owner is told that the password changed.
    const notices = await db.select().from(emails).where(eq(emails.toAddress, user.email));
    expect(notices.map((m) => m.subject)).toContain("Security change on your Keydesk account");
  });

  it("expires the link after an hour", async () => {
    const user = await createUser("engineer");
    await requestPasswordReset({ email: user.email, ipAddress: "10.4.0.3" });
    const mail = await resetEmailFor(user.email);
    const token = tokenFromEmail(mail!.text, "reset-password");
    await expect(
      setPasswordWithToken({ token, password: "a brand new password", ipAddress: "10.4.0.3", now: new Date(Date.now() + 61 * 60_000) }),
    ).rejects.toThrow("account.error.linkExpired");
  });

  it("sends nothing for an unknown email and does not say so", async () => {
    await expect(requestPasswordReset({ email: "nobody-here@example.com", ipAddress: "10.4.0.4" })).resolves.toBeUndefined();
    expect(await resetEmailFor("nobody-here@example.com")).toBeUndefined();
  });
});

describe("organisations and contacts", () => {
  it("lets the primary contact invite a colleague who sets a password from the email", async () => {
    const org = await createOrganisation();
    const primary = await createUser("customer", { organisationId: org.id, isPrimaryContact: true });
    const invited = await inviteContact(primary, { email: "colleague@example.com", name: "Colleague" });
    expect(invited.organisationId).toBe(org.id);
    const [mail] = await db.select().from(emails).where(eq(emails.toAddress, "colleague@example.com"));
    await setPasswordWithToken({ token: tokenFromEmail(mail!.text, "invitation"), password: "colleague password", ipAddress: "10.5.0.2" });
    await expect(signIn({ email: "colleague@example.com", password: "colleague password", ipAddress: "10.5.0.1" })).resolves.toBeTruthy();
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, invited.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["user.invitation_accepted", "user.invited"]);
  });

  it("does not let an ordinary contact invite, and hides other organisations' contacts as not found", async () => {
    const org = await createOrganisation();
    const plain = await createUser("customer", { organisationId: org.id });
    await expect(inviteContact(plain, { email: "x@example.com", name: "X" })).rejects.toMatchObject({ code: "forbidden" });
    const stranger = await createUser("customer");
    await expect(getContact(plain, stranger.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(listContacts(plain, stranger.organisationId!)).rejects.toMatchObject({ code: "not_found" });
    const primaryOfOther = await createUser("customer", { organisationId: org.id, isPrimaryContact: true });
    await expect(setUserActive(primaryOfOther, stranger.id, false)).rejects.toMatchObject({ code: "not_found" });
  });

  it("lets an admin invite staff, change a role (audited) and refuses a duplicate email", async () => {
    const admin = await createUser("admin");
    const engineer = await inviteUser(admin, { email: "new.engineer@example.com", name: "New Engineer", role: "engineer" });
    await expect(inviteUser(admin, { email: "new.engineer@example.com", name: "Again", role: "quality" })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { email: ["account.error.emailTaken"] },
    });
    await changeRole(admin, engineer.id, "team_lead");
    const [row] = await db.select().from(users).where(eq(users.id, engineer.id));
    expect(row?.role).toBe("team_lead");
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, "user.role_changed"));
    expect(entry).toMatchObject({ before: { role: "engineer" }, after: { role: "team_lead" }, actorId: admin.id });
    await expect(changeRole(admin, engineer.id, "customer")).rejects.toMatchObject({ code: "invalid" });
    const tokens = await db.select().from(authTokens).where(eq(authTokens.userId, engineer.id));
    expect(tokens[0]?.purpose).toBe("invitation");
  });
});
