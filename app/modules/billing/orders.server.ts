import { and, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
import { billingDocuments, licences, orders, organisations, products, supportPlans, users, type Licence, type Order, type Product } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { formattersFor } from "../licensing/eligibility-messages";
import { formatLicenceKey, parseLicenceKey } from "../licensing/licence-key";
import { loadLicenceFor, statusSummary } from "../licensing/licences.server";
import { loadLedgerEntries } from "../licensing/ledger.server";
import { getPurchasableProduct } from "../licensing/products.server";
import { supportUntilAfterRenewal } from "../licensing/renewal-preview";
import { renewalPrice } from "../licensing/renewal-pricing";
import { fulfilOrder } from "./fulfilment.server";
import { ORDER_STATUSES } from "./order-status";
import { REASON_MAX } from "./schemas";
import { getSellerDetails } from "./seller.server";
import { vatForNewOrder } from "./settings.server";
import { hasBillingAccess } from "./access.server";
import { documentDataFor, documentsOfOrders, mayReadOrderDocuments, refundsOfOrder } from "./documents.server";
import type { DocumentData } from "./documents";
import { getSettings } from "~/modules/settings/settings.server";

export type PaymentMethod = "invoice" | "card";
type Locale = "en" | "ru";
/** Who is buying: a signed-in user, or nobody (an anonymous visitor). */
export type Buyer = (Actor & { email: string }) | null;

export function stripeEnabled(): boolean {
  return Boolean(getEnv().STRIPE_SECRET_KEY);
}

export function assertMethodAvailable(method: PaymentMethod) {
  if (method === "card" && !stripeEnabled()) {
    throw AppError.invalid("billing.error.cardUnavailable", { method: ["billing.fieldError.cardUnavailable"] });
  }
}

/**
 * The organisation an order belongs to: a signed-in customer's own; else the organisation of the
 * login with that email; else the organisation with that email; else a new one.
 */
async function resolveOrganisation(tx: Executor, buyer: Buyer, input: { email: string; organisationName: string }) {
  if (buyer?.role === "customer" && buyer.organisationId) return { id: buyer.organisationId, created: false };
  const [user] = await tx.select({ role: users.role, organisationId: users.organisationId }).from(users).where(eq(users.email, input.email)).limit(1);
  if (user?.role === "customer" && user.organisationId) return { id: user.organisationId, created: false };
  if (user) {
    throw AppError.invalid("billing.error.staffEmail", { email: ["billing.fieldError.staffEmail"] });
  }
  const [organisation] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(sql`lower(${organisations.email}) = ${input.email}`)
    .orderBy(organisations.createdAt)
    .limit(1);
  if (organisation) return { id: organisation.id, created: false };
  const [created] = await tx.insert(organisations).values({ name: input.organisationName, email: input.email }).returning({ id: organisations.id });
  return { id: created!.id, created: true };
}

export async function queueInvoiceEmail(tx: Executor, order: Order, productName: string) {
  const format = formattersFor(order.locale, "Europe/Moscow");
  await queueEmail(tx, {
    to: order.buyerEmail,
    template: "billing.invoice",
    props: {
      locale: order.locale,
      buyerName: order.buyerName,
      orderNumber: order.number,
      kind: order.kind === "renewal" || order.kind === "support_plan" ? order.kind : "new_licence",
      productName,
      amount: format.money({ amountMinor: order.amountMinor, currency: order.currency }),
      invoiceUrl: `${getEnv().APP_URL}/orders/${order.id}`,
    },
  });
}

/**
 * A new licence. Anyone may buy (signed in or not). The order snapshots the list price, so a later
 * price change never alters it. A free product is issued at once: its order is recorded with
 * amount 0 and fulfilled in the same transaction.
 */
export async function createNewLicenceOrder(
  buyer: Buyer,
  input: { productId: string; email: string; name: string; organisationName: string; method: PaymentMethod; locale: Locale },
  now = new Date(),
) {
  if (buyer && buyer.role !== "customer") throw AppError.forbidden("billing.error.staffCannotBuy");
  return db.transaction(async (tx) => {
    const product = await getPurchasableProduct(tx, input.productId);
    if (!product.free) assertMethodAvailable(input.method);
    const organisation = await resolveOrganisation(tx, buyer, input);
    const email = buyer?.role === "customer" ? buyer.email : input.email;
    const vat = product.free ? { amountMinor: 0, vatMinor: 0, vatMode: "none" as const, vatRateBasisPoints: 0 } : await vatForNewOrder(tx, product.listPriceMinor);
    const [order] = await tx
      .insert(orders)
      .values({
        kind: "new_licence",
        method: product.free ? "invoice" : input.method,
        organisationId: organisation.id,
        buyerEmail: email,
        buyerName: input.name,
        locale: input.locale,
        productId: product.id,
        listPriceMinor: product.free ? 0 : product.listPriceMinor,
        percentage: 100,
        ...vat,
        currency: product.currency,
        createdBy: buyer?.id ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, {
      actorId: buyer?.id ?? null,
      action: "order.created",
      entityType: "order",
      entityId: order!.id,
      after: { kind: "new_licence", productId: product.id, amountMinor: order!.amountMinor, currency: order!.currency, method: order!.method, organisationCreated: organisation.created },
    });
    if (product.free) {
      const result = await fulfilOrder(tx, order!.id, now, { actorId: buyer?.id ?? null });
      return { order: result.order!, product, fulfilled: true };
    }
    if (input.method === "invoice") await queueInvoiceEmail(tx, order!, product.name);
    return { order: order!, product, fulfilled: false };
  });
}

/* Renewals --------------------------------------------------------------------------------- */

export type RenewalLookup =
  | { ok: false; reason: "typo" | "malformed" | "not_found" }
  | {
      ok: true;
      licenceId: string;
      key: string;
      productName: string;
      productSlug: string;
      status: ReturnType<typeof statusSummary>;
      free: boolean;
      revoked: boolean;
      supportUntil: Date | null;
      quote: ReturnType<typeof renewalPrice> | null;
      after: ReturnType<typeof supportUntilAfterRenewal> | null;
      /** The support term a renewal buys now (the `licences.supportTermMonths` setting). */
      termMonths: number;
    };

/**
 * The public "renew by key" page: anyone holding the key sees the product, the state of the
 * term, the renewal price and the end date after a renewal — no account needed.
 */
export async function lookupLicenceForRenewal(keyInput: string, now = new Date()): Promise<RenewalLookup> {
  const parsed = parseLicenceKey(keyInput);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const [row] = await db
    .select({ licence: licences, product: products })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .where(eq(licences.keyCanonical, parsed.canonical))
    .limit(1);
  if (!row) return { ok: false, reason: "not_found" };
  const { licence, product } = row;
  const renewable = !product.free && !licence.revokedAt;
  const entries = renewable ? await loadLedgerEntries(db, licence.id) : [];
  const settings = await getSettings();
  return {
    ok: true,
    licenceId: licence.id,
    key: formatLicenceKey(licence.keyCanonical),
    productName: product.name,
    productSlug: product.slug,
    status: statusSummary(licence, product, now),
    free: product.free,
    revoked: Boolean(licence.revokedAt),
    supportUntil: licence.supportUntil,
    quote: renewable ? renewalPrice({ listPriceMinor: product.listPriceMinor, currency: product.currency, percentage: settings.renewals.renewalPercent }) : null,
    after: renewable ? supportUntilAfterRenewal(entries, licence.firstActivatedAt, now, settings.licences.supportTermMonths) : null,
    termMonths: settings.licences.supportTermMonths,
  };
}

async function insertRenewalOrder(
  tx: Executor,
  licence: Licence,
  product: Product,
  input: { email: string; name: string | null; method: PaymentMethod; locale: Locale; createdBy: string | null },
  now: Date,
) {
  if (product.free) throw AppError.invalid("billing.error.freeNoRenewal");
  if (licence.revokedAt) throw AppError.invalid("billing.error.revokedNoRenewal");
  assertMethodAvailable(input.method);
  // Renewals take no coupon: the price is always the percentage of today's list price.
  // The share in force when the order is created is snapshotted on it (a later change of the
  // setting never reprices an open order).
  const quote = renewalPrice({ listPriceMinor: product.listPriceMinor, currency: product.currency, percentage: (await getSettings(tx)).renewals.renewalPercent });
  const vat = await vatForNewOrder(tx, quote.amountMinor);
  // A second click (or a second tab) reuses the open order instead of billing twice.
  const [open] = await tx
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.licenceId, licence.id),
        eq(orders.kind, "renewal"),
        eq(orders.status, "pending"),
        eq(orders.method, input.method),
        eq(orders.amountMinor, vat.amountMinor),
        eq(orders.buyerEmail, input.email),
      ),
    )
    .limit(1);
  if (open) return { order: open, reused: true };
  const [order] = await tx
    .insert(orders)
    .values({
      kind: "renewal",
      method: input.method,
      organisationId: licence.organisationId,
      buyerEmail: input.email,
      buyerName: input.name,
      locale: input.locale,
      productId: product.id,
      licenceId: licence.id,
      listPriceMinor: quote.listPriceMinor,
      percentage: quote.percentage,
      ...vat,
      currency: quote.currency,
      createdBy: input.createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await recordAudit(tx, {
    actorId: input.createdBy,
    action: "order.created",
    entityType: "order",
    entityId: order!.id,
    after: { kind: "renewal", licenceId: licence.id, ...quote, method: input.method },
  });
  if (input.method === "invoice") await queueInvoiceEmail(tx, order!, product.name);
  return { order: order!, reused: false };
}

/** Renewal from the portal: the licence must be the customer's organisation's. */
export async function createRenewalOrder(
  actor: Actor & { email: string; name: string; locale: Locale },
  licenceId: string,
  method: PaymentMethod,
  now = new Date(),
) {
  if (!can(actor, "create:order:own")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const { licence, product } = await loadLicenceFor(actor, licenceId, { executor: tx, lock: true });
    return insertRenewalOrder(tx, licence, product, { email: actor.email, name: actor.name, method, locale: actor.locale, createdBy: actor.id }, now);
  });
}

/** Renewal from the public page: whoever holds the key may pay for it. */
export async function createRenewalOrderByKey(
  input: { key: string; email: string; method: PaymentMethod; locale: Locale; createdBy?: string | null },
  now = new Date(),
) {
  const parsed = parseLicenceKey(input.key);
  if (!parsed.ok) {
    throw AppError.invalid(parsed.reason === "typo" ? "billing.error.keyTypo" : "billing.error.notALicenceKey", {
      key: [parsed.reason === "typo" ? "billing.fieldError.keyTypo" : "billing.fieldError.notALicenceKey"],
    });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ licence: licences, product: products })
      .from(licences)
      .innerJoin(products, eq(products.id, licences.productId))
      .where(eq(licences.keyCanonical, parsed.canonical))
      .for("update", { of: licences });
    if (!row) throw AppError.invalid("renew.notFound", { key: ["billing.fieldError.keyUnknown"] });
    return insertRenewalOrder(tx, row.licence, row.product, { email: input.email, name: null, method: input.method, locale: input.locale, createdBy: input.createdBy ?? null }, now);
  });
}

/* Viewing and paying ----------------------------------------------------------------------- */

/**
 * The order / invoice page. Its address is the capability: an order id is 122 random bits, sent
 * only to the buyer. Signed-in customers of another organisation still get a 404. The page never
 * shows the licence key (that is emailed and shown in the portal).
 */
export async function getOrderView(viewer: (Actor & { email?: string }) | null, orderId: string) {
  if (!isUuid(orderId)) throw AppError.notFound();
  const [row] = await db
    .select({ order: orders, productName: products.name, planName: supportPlans.name, organisation: organisations })
    .from(orders)
    .leftJoin(products, eq(products.id, orders.productId))
    .leftJoin(supportPlans, eq(supportPlans.id, orders.planId))
    .innerJoin(organisations, eq(organisations.id, orders.organisationId))
    .where(eq(orders.id, orderId))
    .limit(1);
  if (!row) throw AppError.notFound();
  // A signed-in customer sees it if they placed it or hold billing access to their organisation.
  if (viewer?.role === "customer" && !(await mayReadOrderDocuments(viewer, row.order, viewer.email ?? null))) throw AppError.notFound();
  const seller = await getSellerDetails();
  const { order } = row;
  const documents = (await documentsOfOrders(db, [order.id])).get(order.id) ?? [];
  const issuedInvoice = documents.find((d) => d.kind === "invoice");
  // The page shows the invoice as issued (its frozen data) or, before that, as it would be issued now.
  const invoice = issuedInvoice
    ? ((await db.select({ snapshot: billingDocuments.snapshot }).from(billingDocuments).where(eq(billingDocuments.id, issuedInvoice.id)))[0]!.snapshot as DocumentData)
    : await documentDataFor(db, order, "invoice", order.createdAt, null);
  const isStaffViewer = viewer !== null && viewer.role !== "customer";
  const viewerOwnsIt = viewer?.role === "customer" && viewer.organisationId === order.organisationId;
  return {
    order: {
      id: order.id,
      number: order.number,
      kind: order.kind,
      hours: order.hours,
      termMonths: order.termMonths,
      status: order.status,
      method: order.method,
      buyerEmail: order.buyerEmail,
      buyerName: order.buyerName,
      listPriceMinor: order.listPriceMinor,
      percentage: order.percentage,
      amountMinor: order.amountMinor,
      vatMinor: order.vatMinor,
      vatMode: order.vatMode,
      vatRateBasisPoints: order.vatRateBasisPoints,
      refundedMinor: order.refundedMinor,
      currency: order.currency,
      createdAt: order.createdAt,
      paidAt: order.paidAt,
      paymentReference: order.paymentReference,
      cancelReason: order.cancelReason,
      refundedAt: order.refundedAt,
      licenceId: order.licenceId,
      dueAt: new Date(order.createdAt.getTime() + seller.paymentTermsDays * 86_400_000),
    },
    productName: row.productName ?? row.planName,
    organisation: { name: row.organisation.name, taxId: row.organisation.taxId, email: row.organisation.email },
    invoice,
    documents,
    refunds: isStaffViewer || viewerOwnsIt ? await refundsOfOrder(db, order.id) : [],
    seller,
    canPayByCard: order.status === "pending" && order.amountMinor > 0 && stripeEnabled(),
    canMarkPaid: order.status === "pending" && viewer !== null && can(viewer, "mark-paid:order:any"),
    canRefund: order.status === "paid" && order.amountMinor - order.refundedMinor > 0 && viewer !== null && can(viewer, "mark-paid:order:any"),
    canEditDetails: order.status === "pending" && viewer !== null && (await hasBillingAccess(viewer)),
    viewerOwnsIt,
  };
}

/**
 * Staff confirm a bank transfer, with the date the money arrived and the payment order's reference:
 * audited, fulfilled exactly as a card payment's webhook, and the receipt and act are issued.
 */
export async function markOrderPaid(actor: Actor, orderId: string, now = new Date(), payment: { paidOn?: Date | null; reference?: string | null } = {}) {
  if (!can(actor, "mark-paid:order:any")) throw AppError.forbidden();
  if (!isUuid(orderId)) throw AppError.notFound();
  const paidAt = payment.paidOn ?? now;
  if (paidAt.getTime() > now.getTime() + 86_400_000) throw AppError.invalid("billing.error.paidInFuture", { paidOn: ["billing.fieldError.paidInFuture"] });
  const reference = payment.reference?.trim() || null;
  return db.transaction(async (tx) => {
    const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
    if (!order) throw AppError.notFound();
    if (order.status !== "pending") throw AppError.conflict(msg("billing.error.alreadyStatus", { status: order.status }));
    if (paidAt.getTime() < order.createdAt.getTime() - 86_400_000) throw AppError.invalid("billing.error.paidBeforeOrder", { paidOn: ["billing.fieldError.paidBeforeOrder"] });
    const result = await fulfilOrder(tx, order.id, paidAt, { actorId: actor.id, paymentReference: reference });
    await recordAudit(tx, { actorId: actor.id, action: "order.marked_paid", entityType: "order", entityId: order.id, after: { number: order.number, amountMinor: order.amountMinor, currency: order.currency, paidAt, reference } });
    return { ...result, kind: order.kind };
  });
}

/** Staff cancel an invoice that will not be paid, saying why (audited; shown to the buyer). */
export async function cancelOrder(actor: Actor, orderId: string, now = new Date(), reason = "") {
  if (!can(actor, "mark-paid:order:any")) throw AppError.forbidden();
  if (!isUuid(orderId)) throw AppError.notFound();
  const why = reason.trim();
  if (why.length > REASON_MAX) {
    throw AppError.invalid(msg("billing.error.reasonTooLong", { maximum: REASON_MAX }), { reason: [msg("billing.fieldError.reasonTooLong", { maximum: REASON_MAX })] });
  }
  await db.transaction(async (tx) => {
    const [order] = await tx
      .update(orders)
      .set({ status: "cancelled", cancelReason: why || null, updatedAt: now })
      .where(and(eq(orders.id, orderId), eq(orders.status, "pending")))
      .returning();
    if (!order) throw AppError.conflict("billing.error.onlyPendingCancelled");
    await recordAudit(tx, { actorId: actor.id, action: "order.cancelled", entityType: "order", entityId: order.id, before: { status: "pending" }, after: { status: "cancelled", reason: why || null } });
  });
}

export const ORDERS_PAGE_SIZE = 50;

/** Orders for the desk, newest first, keyset on (created_at, id). */
export async function listOrders(actor: Actor, options: { status?: (typeof ORDER_STATUSES)[number]; q?: string; before?: { at: Date; id: string } } = {}) {
  if (!can(actor, "read:order:any")) throw AppError.forbidden();
  const filters: SQL[] = [];
  if (options.status) filters.push(eq(orders.status, options.status));
  const q = options.q?.trim();
  if (q) {
    if (/^\d{1,9}$/.test(q)) filters.push(eq(orders.number, Number(q)));
    else filters.push(or(sql`lower(${orders.buyerEmail}) = ${q.toLowerCase()}`, sql`${organisations.name} ilike ${`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`)!);
  }
  if (options.before) filters.push(or(lt(orders.createdAt, options.before.at), and(eq(orders.createdAt, options.before.at), lt(orders.id, options.before.id)))!);
  const rows = await db
    .select({ order: orders, productName: products.name, planName: supportPlans.name, organisationName: organisations.name })
    .from(orders)
    .leftJoin(products, eq(products.id, orders.productId))
    .leftJoin(supportPlans, eq(supportPlans.id, orders.planId))
    .innerJoin(organisations, eq(organisations.id, orders.organisationId))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(ORDERS_PAGE_SIZE + 1);
  const page = rows.slice(0, ORDERS_PAGE_SIZE);
  const last = page.at(-1);
  return {
    orders: page.map(({ order, productName, planName, organisationName }) => ({
      id: order.id,
      number: order.number,
      kind: order.kind,
      status: order.status,
      method: order.method,
      amountMinor: order.amountMinor,
      currency: order.currency,
      buyerEmail: order.buyerEmail,
      createdAt: order.createdAt,
      paidAt: order.paidAt,
      hours: order.hours,
      termMonths: order.termMonths,
      productName: productName ?? planName,
      organisationName,
    })),
    next: rows.length > ORDERS_PAGE_SIZE && last ? { at: last.order.createdAt, id: last.order.id } : null,
  };
}
