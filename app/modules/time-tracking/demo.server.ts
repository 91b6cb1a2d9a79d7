import { and, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import { organisations, tickets, timeEntries, users } from "#db/schema";
import { db } from "~/utils/db.server";
import type { Actor } from "../accounts/permissions";
import { setContract } from "./contracts.server";
import { addManualEntry } from "./entries.server";

/**
 * Demo contracts and a little logged time for the demo organisations, made through the real use
 * cases. Runs once after the demo tickets exist. Time is logged only on earlier days, never
 * today, so a demo organisation starts every day with its whole free allowance.
 */
export async function seedTimeDemo(now = new Date()): Promise<boolean> {
  const people = await db.select().from(users).where(inArray(users.email, ["admin@keydesk.test", "engineer@keydesk.test", "lead@keydesk.test"]));
  const actor = (email: string): Actor | null => {
    const u = people.find((p) => p.email === email);
    return u ? { id: u.id, role: u.role, organisationId: u.organisationId, isPrimaryContact: u.isPrimaryContact } : null;
  };
  const admin = actor("admin@keydesk.test");
  const egor = actor("engineer@keydesk.test");
  const lead = actor("lead@keydesk.test");
  if (!admin || !egor || !lead) return false;
  const orgs = await db.select().from(organisations).where(inArray(organisations.name, ["Romashka LLC", "Vasilek Trading"]));
  const romashka = orgs.find((o) => o.name === "Romashka LLC");
  const vasilek = orgs.find((o) => o.name === "Vasilek Trading");
  if (!romashka || !vasilek) return false;
  const [already] = await db.select({ id: timeEntries.id }).from(timeEntries).where(eq(timeEntries.organisationId, romashka.id)).limit(1);
  if (already) return false;

  // 3 000 ₽ an hour for both; Vasilek gets the allowance on at most 2 days a week.
  await setContract(admin, romashka.id, { hourlyRateMinor: 300_000, currency: "RUB" }, now);
  await setContract(admin, vasilek.id, { hourlyRateMinor: 300_000, currency: "RUB", freeDaysPerWeek: 2 }, now);

  const ticket = async (organisationId: string, subject: string) =>
    (await db.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.organisationId, organisationId), eq(tickets.subject, subject))).limit(1))[0]?.id;
  const day = (daysAgo: number) => DateTime.fromJSDate(now, { zone: "Europe/Moscow" }).minus({ days: daysAgo }).toISODate()!;

  const filters = await ticket(romashka.id, "How to exclude filter pages from the index?");
  const exchange = await ticket(romashka.id, "Exchange stops at 50 % on price upload");
  const invoice = await ticket(vasilek.id, "Invoice for the renewal of SEO Booster");
  if (filters) {
    await addManualEntry(egor, filters, { date: day(3), startTime: "11:00", minutes: 10, note: "Explained the noindex setting for filter pages" }, now);
    await addManualEntry(egor, filters, { date: day(2), startTime: "15:30", minutes: 25, note: "Checked the robots.txt rules together on a call" }, now);
  }
  if (exchange) await addManualEntry(egor, exchange, { date: day(1), startTime: "10:00", minutes: 40, note: "Reproduced the exchange stop on a copy of the site" }, now);
  if (invoice) await addManualEntry(lead, invoice, { date: day(1), startTime: "12:00", minutes: 5, note: "Renewal price checked with accounting" }, now);
  return true;
}
