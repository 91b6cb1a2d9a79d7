import { and, asc, eq, gt, ilike, ne, or, sql, type SQL } from "drizzle-orm";
import { authTokens, organisations, sessions, users, type Role } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { createToken } from "~/utils/crypto.server";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "./permissions";
import { INVITATION_DAYS } from "./schemas";

type InviteInput = { email: string; name: string; role: Role; organisationId?: string; jobTitle?: string };

async function createInvitedUser(tx: Executor, actor: Actor & { name: string }, input: InviteInput, now: Date) {
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
  if (existing) {
    throw AppError.invalid("account.error.emailTaken", {
      email: ["account.error.emailTaken"],
    });
  }
  let organisationName: string | null = null;
  if (input.organisationId) {
    const [org] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId)).limit(1);
    if (!org) throw AppError.invalid("account.error.chooseOrganisation", { organisationId: ["account.error.chooseOrganisation"] });
    organisationName = org.name;
  }
  const [user] = await tx
    .insert(users)
    .values({
      email: input.email,
      name: input.name,
      role: input.role,
      organisationId: input.role === "customer" ? input.organisationId : null,
      jobTitle: input.jobTitle ?? null,
    })
    .returning();
  const { token, hash } = createToken();
  await tx.insert(authTokens).values({
    tokenHash: hash,
    userId: user!.id,
    purpose: "invitation",
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 24 * 3600_000),
  });
  await queueEmail(tx, {
    to: input.email,
    template: "invitation",
    props: {
      locale: "en",
      name: input.name,
      invitedBy: actor.name,
      organisationName,
      acceptUrl: `${getEnv().APP_URL}/invitation/${token}`,
      expiresInDays: INVITATION_DAYS,
    },
  });
  await recordAudit(tx, {
    actorId: actor.id,
    action: "user.invited",
    entityType: "user",
    entityId: user!.id,
    after: { email: input.email, role: input.role, organisationId: user!.organisationId },
  });
  return user!;
}

/** Admin invites staff or a customer contact; the invitation email sets the password. */
export async function inviteUser(actor: Actor & { name: string }, input: InviteInput, now = new Date()) {
  if (!can(actor, "manage:user:any")) throw AppError.forbidden();
  return db.transaction((tx) => createInvitedUser(tx, actor, input, now));
}

/** A primary contact invites a colleague into their own organisation. */
export async function inviteContact(
  actor: Actor & { name: string },
  input: { email: string; name: string; jobTitle?: string },
  now = new Date(),
) {
  if (!can(actor, "manage:contact:own") || !actor.organisationId) throw AppError.forbidden();
  return db.transaction((tx) =>
    createInvitedUser(tx, actor, { ...input, role: "customer", organisationId: actor.organisationId! }, now),
  );
}

async function loadTarget(userId: string) {
  const [target] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!target) throw AppError.notFound();
  return target;
}

export async function changeRole(actor: Actor, userId: string, role: Role) {
  if (!can(actor, "manage:user:any")) throw AppError.forbidden();
  const target = await loadTarget(userId);
  if (target.id === actor.id) throw AppError.invalid("account.error.ownRole");
  if ((target.role === "customer") !== (role === "customer")) {
    throw AppError.invalid("A customer contact cannot become staff or the other way round: invite a new login instead.");
  }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, userId));
    await recordAudit(tx, { actorId: actor.id, action: "user.role_changed", entityType: "user", entityId: userId, before: { role: target.role }, after: { role } });
  });
}

/**
 * Deactivates a login and ends its sessions. Admins may deactivate anyone but themselves; a
 * primary contact only the other contacts of their own organisation (others get a 404).
 */
export async function setUserActive(actor: Actor, userId: string, active: boolean) {
  const target = await loadTarget(userId);
  const asAdmin = can(actor, "manage:user:any");
  const asPrimary = can(actor, "manage:contact:own") && target.organisationId === actor.organisationId;
  if (!asAdmin && !asPrimary) throw AppError.notFound();
  if (target.id === actor.id) throw AppError.invalid("account.error.ownDeactivation");
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ deactivatedAt: active ? null : now, updatedAt: now }).where(eq(users.id, userId));
    if (!active) await tx.delete(sessions).where(eq(sessions.userId, userId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "user.reactivated" : "user.deactivated",
      entityType: "user",
      entityId: userId,
    });
  });
}

/** A primary contact hands the role to a colleague (there is always exactly one). */
export async function makePrimaryContact(actor: Actor, userId: string) {
  const target = await loadTarget(userId);
  const asAdmin = can(actor, "manage:user:any");
  const asPrimary = can(actor, "manage:contact:own") && target.organisationId === actor.organisationId;
  if ((!asAdmin && !asPrimary) || !target.organisationId) throw AppError.notFound();
  if (target.deactivatedAt) throw AppError.invalid("account.error.reactivateFirst");
  await db.transaction(async (tx) => {
    await tx.update(users).set({ isPrimaryContact: false }).where(and(eq(users.organisationId, target.organisationId!), ne(users.id, userId)));
    await tx.update(users).set({ isPrimaryContact: true }).where(eq(users.id, userId));
    await recordAudit(tx, { actorId: actor.id, action: "user.made_primary", entityType: "user", entityId: userId });
  });
}

export async function updateProfile(actor: Actor, input: { name: string; locale: "en" | "ru"; timeZone: string }) {
  await db.update(users).set({ ...input, updatedAt: new Date() }).where(eq(users.id, actor.id));
}

export async function setLocale(userId: string, locale: "en" | "ru") {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export const USERS_PAGE_SIZE = 50;

/** Users for the admin list, ordered by email, paged by keyset (the email after which to start). */
export async function listUsers(actor: Actor, options: { after?: string; q?: string; role?: Role }) {
  if (!can(actor, "manage:user:any")) throw AppError.forbidden();
  const filters: SQL[] = [];
  if (options.after) filters.push(gt(users.email, options.after));
  if (options.role) filters.push(eq(users.role, options.role));
  if (options.q) filters.push(or(ilike(users.email, `%${escapeLike(options.q)}%`), ilike(users.name, `%${escapeLike(options.q)}%`))!);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      deactivatedAt: users.deactivatedAt,
      hasPassword: users.passwordHash,
      lastSignedInAt: users.lastSignedInAt,
      organisationName: organisations.name,
      isPrimaryContact: users.isPrimaryContact,
    })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(asc(users.email))
    .limit(USERS_PAGE_SIZE + 1);
  const page = rows.slice(0, USERS_PAGE_SIZE).map(({ hasPassword, ...r }) => ({ ...r, invitationPending: !hasPassword }));
  return { users: page, nextAfter: rows.length > USERS_PAGE_SIZE ? page.at(-1)!.email : null };
}

/** The contacts of one organisation. Customers only ever get their own organisation. */
export async function listContacts(actor: Actor, organisationId: string) {
  if (actor.role === "customer" && actor.organisationId !== organisationId) throw AppError.notFound();
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      jobTitle: users.jobTitle,
      isPrimaryContact: users.isPrimaryContact,
      deactivatedAt: users.deactivatedAt,
      invitationPending: sql<boolean>`${users.passwordHash} is null`,
      /** Notifications to this address came back (a delivery report reached the mail channel). */
      bouncing: sql<boolean>`exists (select 1 from bouncing_addresses b where b.address = ${users.email})`,
    })
    .from(users)
    .where(eq(users.organisationId, organisationId))
    .orderBy(asc(users.name));
}

/** One contact; a customer asking for a contact of another organisation gets not-found. */
export async function getContact(actor: Actor, userId: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, jobTitle: users.jobTitle, phone: users.phone, organisationId: users.organisationId, isPrimaryContact: users.isPrimaryContact, deactivatedAt: users.deactivatedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row || !row.organisationId) throw AppError.notFound();
  if (actor.role === "customer" && row.organisationId !== actor.organisationId) throw AppError.notFound();
  return row;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
