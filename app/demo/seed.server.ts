import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "~/utils/db.server";
import { hashPassword } from "~/modules/accounts/password.server";
import { saveSecuritySettings } from "~/modules/security/settings.server";
import { organisations, supportPlans, users, type Role } from "#db/schema";
import { seedDemoHistory } from "./seed-history.server";
import { seedLicensingDemo } from "./seed-licensing.server";
import { seedDemoTickets } from "~/modules/tickets/demo.server";
import { seedTimeDemo } from "~/modules/time-tracking/demo.server";
import { seedKbDemo } from "~/modules/knowledge/demo.server";
import { seedServicesDemo } from "~/modules/services/demo.server";

export const DEMO_PASSWORD = "keydesk-demo-2026";

type DemoLogin = { role: Role; email: string; name: string; organisation?: string; primary?: boolean; jobTitle?: string };

export const DEMO_LOGINS: DemoLogin[] = [
  { role: "admin", email: "admin@keydesk.test", name: "Alexei Admin" },
  { role: "team_lead", email: "lead@keydesk.test", name: "Tatiana Lead" },
  { role: "engineer", email: "engineer@keydesk.test", name: "Egor Engineer" },
  { role: "quality", email: "quality@keydesk.test", name: "Quinn Quality" },
  { role: "customer", email: "anna@romashka.test", name: "Anna Petrova", organisation: "Romashka LLC", primary: true, jobTitle: "IT manager" },
  { role: "customer", email: "boris@romashka.test", name: "Boris Ivanov", organisation: "Romashka LLC", jobTitle: "Accountant" },
  { role: "customer", email: "clara@vasilek.test", name: "Clara Smirnova", organisation: "Vasilek Trading", primary: true, jobTitle: "Director" },
  { role: "customer", email: "dmitry@vasilek.test", name: "Dmitry Orlov", organisation: "Vasilek Trading", jobTitle: "Developer" },
];

const DEMO_ORGANISATIONS = [
  { name: "Romashka LLC", taxId: "7701234560", email: "office@romashka.test", phone: "+74951234567" },
  { name: "Vasilek Trading", taxId: "7807654325", email: "info@vasilek.test", phone: "+78127654321" },
];

/** Fills an empty database with demo organisations and one login per role. Idempotent. */
export async function seedDemoData(db: Database, options: { history?: boolean } = {}): Promise<boolean> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_LOGINS[0]!.email)).limit(1);
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const orgIds = new Map<string, string>();
    for (const org of DEMO_ORGANISATIONS) {
      const [row] = await tx.insert(organisations).values(org).returning({ id: organisations.id });
      orgIds.set(org.name, row!.id);
    }
    for (const login of DEMO_LOGINS) {
      await tx.insert(users).values({
        email: login.email,
        name: login.name,
        role: login.role,
        passwordHash,
        organisationId: login.organisation ? orgIds.get(login.organisation) : null,
        isPrimaryContact: login.primary ?? false,
        jobTitle: login.jobTitle ?? null,
        locale: "en",
      });
    }
    await seedLicensingDemo(tx, orgIds);
    // The Priority plan on sale in the demo (a plan without a price is not sold): 60 000 ₽ a year.
    await tx.update(supportPlans).set({ priceMinor: 6_000_000 }).where(and(eq(supportPlans.slug, "priority"), isNull(supportPlans.priceMinor)));
    // The demo logins sign in with the password alone; the admin page says so.
    await saveSecuritySettings({ requireTwoFactorForStaff: false, turnedOffByDemoData: true }, tx);
  });
  // After the transaction: the ticket use cases open their own (one PGlite connection).
  await seedDemoTickets();
  await seedTimeDemo();
  await seedKbDemo();
  await seedServicesDemo();
  // A year of history for the reports and dashboards, on organisations of its own.
  if (options.history ?? true) await seedDemoHistory(db);
  return true;
}

export async function hasDemoData(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_LOGINS[0]!.email)).limit(1);
  return !!row;
}

export function demoLoginLines(): string[] {
  return DEMO_LOGINS.map((l) => `${l.role}: ${l.email} / ${DEMO_PASSWORD}`);
}
