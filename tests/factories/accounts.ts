import { randomUUID } from "node:crypto";
import { organisations, users, type Role } from "#db/schema";
import { hashPassword } from "~/modules/accounts/password.server";
import type { Actor } from "~/modules/accounts/permissions";
import { db } from "~/utils/db.server";

export const TEST_PASSWORD = "correct horse battery";
let cachedHash: Promise<string> | null = null;

export async function createOrganisation(name = `Org ${randomUUID().slice(0, 8)}`) {
  const [org] = await db.insert(organisations).values({ name }).returning();
  return org!;
}

export async function createUser(
  role: Role,
  overrides: Partial<typeof users.$inferInsert> = {},
): Promise<Actor & { name: string; email: string }> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const organisationId = role === "customer" ? (overrides.organisationId ?? (await createOrganisation()).id) : null;
  const [user] = await db
    .insert(users)
    .values({
      email: `${role}-${randomUUID().slice(0, 8)}@example.com`,
      name: `${role} ${randomUUID().slice(0, 4)}`,
      role,
      passwordHash: await cachedHash,
      ...overrides,
      organisationId,
    })
    .returning();
  return { id: user!.id, role: user!.role, organisationId: user!.organisationId, isPrimaryContact: user!.isPrimaryContact, name: user!.name, email: user!.email };
}
