import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { emails, licences, products, users, type Licence, type Product } from "#db/schema";
import type { Actor } from "~/modules/accounts/permissions";
import { ensureSlaDefaults } from "~/modules/sla/plans.server";
import { fileTicket } from "~/modules/tickets/filing.server";
import type { NewTicketInput } from "~/modules/tickets/schemas";
import type { Upload } from "~/modules/tickets/uploads.server";
import { accessDetailsSchema, type AccessDetails } from "~/modules/tickets/vault.server";
import { db } from "~/utils/db.server";
import { createOrganisation, createUser } from "./accounts";

/**
 * Ticket test data. Licences are inserted directly (this file does not depend on the
 * licensing module's factories). Times are fixed instants so clocks are predictable:
 * MONDAY_10_MSK is Monday 2 March 2026, 10:00 in Moscow — the opening of a business day.
 */
export const MONDAY_10_MSK = new Date("2026-03-02T07:00:00Z");
export const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
export const daysAfter = (at: Date, days: number) => new Date(at.getTime() + days * 86_400_000);

export async function ensureSla() {
  return ensureSlaDefaults();
}

export async function createTestProduct(overrides: Partial<typeof products.$inferInsert> = {}): Promise<Product> {
  const slug = `product-${randomUUID().slice(0, 8)}`;
  const [product] = await db
    .insert(products)
    .values({ slug, name: `Module ${slug.slice(-4)}`, listPriceMinor: 1_200_000, currency: "RUB", ...overrides })
    .returning();
  return product!;
}

type LicenceState = "active" | "expired" | "not_activated";

export async function createTestLicence(
  organisationId: string,
  options: { state?: LicenceState; product?: Product; now?: Date; host?: string } & Partial<typeof licences.$inferInsert> = {},
): Promise<Licence> {
  const { state = "active", product: givenProduct, now = MONDAY_10_MSK, host = "shop.example.ru", ...overrides } = options;
  const product = givenProduct ?? (await createTestProduct());
  const activated = state !== "not_activated";
  const [licence] = await db
    .insert(licences)
    .values({
      keyCanonical: randomBytes(16).toString("hex").toUpperCase(),
      productId: product.id,
      organisationId,
      firstActivatedAt: activated ? daysAfter(now, -100) : null,
      supportUntil: state === "active" ? daysAfter(now, 265) : state === "expired" ? daysAfter(now, -5) : null,
      productionHost: activated ? host : null,
      ...overrides,
    })
    .returning();
  return licence!;
}

/** A customer of a fresh organisation with one licence, active at `now` by default (SLA defaults ensured). */
export async function customerWithLicence(options: { state?: LicenceState; product?: Product; locale?: "en" | "ru"; timeZone?: string; now?: Date } = {}) {
  await ensureSla();
  const organisation = await createOrganisation();
  const customer = await createUser("customer", {
    organisationId: organisation.id,
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const licence = await createTestLicence(organisation.id, { state: options.state, product: options.product, now: options.now });
  return { organisation, customer, licence };
}

export function ticketInput(overrides: Partial<NewTicketInput> = {}): NewTicketInput {
  return {
    licenceId: null,
    type: "question",
    subject: "Checkout page shows an error",
    description: "Since this morning the checkout page shows error 500 after choosing delivery.",
    stepsToReproduce: "1. Add any product\n2. Go to checkout\n3. Choose courier delivery",
    siteAddress: "",
    siteDown: false,
    ...overrides,
  };
}

export const noAccess = (): AccessDetails => accessDetailsSchema.parse({});
export const someAccess = (): AccessDetails =>
  accessDetailsSchema.parse({ siteAdminLogin: "admin", siteAdminPassword: "Tr0ub4dor&3", serverProtocol: "ssh", serverAddress: "203.0.113.7", serverLogin: "deploy", serverPassword: "correct-horse" });

export async function fileTestTicket(
  customer: Actor,
  licence: Pick<Licence, "id"> | null,
  options: { now?: Date; input?: Partial<NewTicketInput>; access?: AccessDetails; uploads?: Upload[] } = {},
) {
  return fileTicket(
    customer,
    ticketInput({ licenceId: licence?.id ?? null, ...(licence ? {} : { type: "billing" }), ...options.input }),
    options.access ?? noAccess(),
    options.uploads ?? [],
    options.now ?? MONDAY_10_MSK,
  );
}

/** A one-pixel PNG (valid signature), as a screenshot stand-in. */
export const PNG_BYTES = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64"),
);
export const EXE_BYTES = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);

export async function staff(role: "engineer" | "team_lead" | "admin" | "quality" = "engineer", name?: string) {
  return createUser(role, name ? { name } : {});
}

export async function emailsTo(address: string) {
  return db.select().from(emails).where(eq(emails.toAddress, address));
}

export async function deactivate(userId: string) {
  await db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, userId));
}
