import { and, asc, eq, inArray } from "drizzle-orm";
import { licences, products, tickets, users } from "#db/schema";
import { db } from "~/utils/db.server";
import type { Actor } from "../accounts/permissions";
import { replyAsCustomer, replyAsStaff } from "./conversation.server";
import { claimTicket } from "./desk.server";
import { fileTicket } from "./filing.server";
import { accessDetailsSchema } from "./vault.server";

/**
 * A few demo tickets for the demo organisations, made through the real use cases (so their
 * events, clocks and emails are what the app would have recorded). Runs once, after the demo
 * logins and licences exist; every ticket is already claimed, so the "New / unassigned" queue
 * starts empty and a ticket filed while trying the app is easy to find.
 */
const DEMO_EMAILS = ["anna@romashka.test", "boris@romashka.test", "clara@vasilek.test", "engineer@keydesk.test", "lead@keydesk.test"];
const HOUR = 3_600_000;

export async function seedDemoTickets(now = new Date()): Promise<boolean> {
  const people = await db.select().from(users).where(inArray(users.email, DEMO_EMAILS));
  const person = (email: string): Actor | null => {
    const u = people.find((p) => p.email === email);
    return u ? { id: u.id, role: u.role, organisationId: u.organisationId, isPrimaryContact: u.isPrimaryContact } : null;
  };
  const anna = person("anna@romashka.test");
  const boris = person("boris@romashka.test");
  const clara = person("clara@vasilek.test");
  const egor = person("engineer@keydesk.test");
  const lead = person("lead@keydesk.test");
  if (!anna || !boris || !clara || !egor || !lead) return false;
  const [existing] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.requesterId, anna.id)).limit(1);
  if (existing) return false;

  const licenceOf = async (organisationId: string, productSlug: string) => {
    const [row] = await db
      .select({ id: licences.id })
      .from(licences)
      .innerJoin(products, eq(products.id, licences.productId))
      .where(and(eq(licences.organisationId, organisationId), eq(products.slug, productSlug)))
      .orderBy(asc(licences.createdAt))
      .limit(1);
    return row?.id ?? null;
  };
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const noAccess = accessDetailsSchema.parse({});
  const base = { stepsToReproduce: "", siteAddress: "", siteDown: false };

  const seo = await licenceOf(anna.organisationId!, "seo-booster");
  const exchange = await licenceOf(anna.organisationId!, "exchange-1c");

  if (seo) {
    const sitemap = await fileTicket(
      anna,
      { ...base, licenceId: seo, type: "question", subject: "Sitemap does not include new products", description: "Products added this week are missing from sitemap.xml. Regeneration runs every night according to the settings." },
      noAccess,
      [],
      at(30),
    );
    await claimTicket(egor, sitemap.number, at(29));
    await replyAsStaff(egor, sitemap.number, { body: "Thank you! Are the new products active and in stock? Hidden products are left out of the sitemap.", visibility: "public" }, [], at(28));
    await replyAsCustomer(anna, sitemap.number, "Yes, they are active and in stock. One example: /catalog/chairs/oak-chair-2/", [], at(2));

    const older = await fileTicket(
      anna,
      { ...base, licenceId: seo, type: "question", subject: "How to exclude filter pages from the index?", description: "Filter pages (?color=red) appear in search results. Can the module add noindex to them?" },
      noAccess,
      [],
      at(80),
    );
    await claimTicket(egor, older.number, at(79));
    await replyAsStaff(
      egor,
      older.number,
      { body: "Yes: Settings → Indexing → \"noindex for filter pages\". It is on from version 1.5.", visibility: "public", status: "solved" },
      [],
      at(50),
    );
  }

  if (exchange) {
    const stuck = await fileTicket(
      boris,
      {
        licenceId: exchange,
        type: "bug_report",
        subject: "Exchange stops at 50 % on price upload",
        description: "The exchange with 1C hangs at 50 % every night since Monday. Orders still arrive; prices are not updated.",
        stepsToReproduce: "1. Run the exchange from 1C manually\n2. Watch the progress in the admin panel\n3. It stops at 50 %",
        siteAddress: "",
        siteDown: false,
      },
      accessDetailsSchema.parse({ siteAdminUrl: "https://romashka.test-shop.ru/bitrix/admin/", siteAdminLogin: "support", siteAdminPassword: "demo-only-password" }),
      [],
      at(6),
    );
    await claimTicket(egor, stuck.number, at(5));
    await replyAsStaff(egor, stuck.number, { body: "The price file is larger than the PHP upload limit. Could you send the exchange log from /upload/1c_exchange/?", visibility: "public", status: "pending" }, [], at(4));
    await replyAsStaff(egor, stuck.number, { body: "post_max_size is 8M on their hosting; the price file is 11 MB.", visibility: "internal" }, [], at(4));
  }

  const invoice = await fileTicket(
    clara,
    { ...base, licenceId: null, type: "billing", subject: "Invoice for the renewal of SEO Booster", description: "Please send an invoice for one more year of SEO Booster support for Vasilek Trading (tax ID 7807654325)." },
    noAccess,
    [],
    at(3),
  );
  await claimTicket(lead, invoice.number, at(2));
  await replyAsStaff(lead, invoice.number, { body: "Checking the renewal price with accounting.", visibility: "internal" }, [], at(2));
  return true;
}
