import { createHash } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { billingDocuments, documentCounters, orders, organisationBillingDetails, organisations, products, refunds, supportPlans, type BillingDocument, type Order, type Refund } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { translate } from "~/utils/i18n";
import { isUuid } from "~/utils/pagination";
import { can, type Actor } from "../accounts/permissions";
import { hasBillingAccess } from "./access.server";
import { buildDocumentData, formatDocumentNumber, type DocumentData, type DocumentKind, type PartyDetails } from "./documents";
import { renderDocumentPdf } from "./pdf.server";
import { refundReasonIn } from "./refund-reason";
import { getSellerDetails } from "./seller.server";

/** Documents are dated and numbered in the seller's zone. */
export const SELLER_ZONE = "Europe/Moscow";

export function documentYear(at: Date): number {
  return DateTime.fromJSDate(at, { zone: SELLER_ZONE }).year;
}

/**
 * The next number of `kind` in `year`. The counter row is locked until the issuing transaction
 * ends: concurrent issuers queue on it, and a rolled-back issue gives its number back — one
 * gap-free sequence per kind and year.
 */
export async function nextDocumentNumber(tx: Executor, kind: DocumentKind, year: number): Promise<number> {
  const [row] = await tx
    .insert(documentCounters)
    .values({ kind, year, lastNumber: 1 })
    .onConflictDoUpdate({ target: [documentCounters.kind, documentCounters.year], set: { lastNumber: sql`${documentCounters.lastNumber} + 1` } })
    .returning({ lastNumber: documentCounters.lastNumber });
  return row!.lastNumber;
}

async function sellerParty(executor: Executor): Promise<PartyDetails & { paymentTermsDays: number }> {
  const seller = await getSellerDetails(executor);
  return {
    name: seller.name,
    taxId: seller.taxId,
    kpp: seller.kpp ?? "",
    address: seller.address,
    bankName: seller.bankName,
    bankAccount: seller.bankAccount,
    bankCode: seller.bankCode,
    correspondentAccount: seller.correspondentAccount,
    email: seller.email,
    paymentTermsDays: seller.paymentTermsDays,
  };
}

/** The buyer as printed: the organisation's billing details, else its name and tax ID. */
export async function buyerParty(executor: Executor, organisationId: string, buyerEmail: string): Promise<PartyDetails> {
  const [row] = await executor
    .select({ organisation: organisations, details: organisationBillingDetails })
    .from(organisations)
    .leftJoin(organisationBillingDetails, eq(organisationBillingDetails.organisationId, organisations.id))
    .where(eq(organisations.id, organisationId))
    .limit(1);
  if (!row) throw AppError.notFound();
  const d = row.details;
  return {
    name: d?.legalName || row.organisation.name,
    taxId: d?.taxId || row.organisation.taxId || "",
    kpp: d?.kpp ?? "",
    address: d?.legalAddress ?? "",
    bankName: d?.bankName ?? "",
    bankAccount: d?.bankAccount ?? "",
    bankCode: d?.bankCode ?? "",
    correspondentAccount: d?.correspondentAccount ?? "",
    email: buyerEmail,
  };
}

/** What an order sells, as its documents and the card checkout name it, in the buyer's language. */
export async function lineDescription(executor: Executor, order: Order): Promise<string> {
  if (order.kind === "prepaid_hours") return translate(order.locale, "doc.line.hours", { hours: order.hours ?? 0 });
  if (order.kind === "support_plan") {
    const [plan] = order.planId ? await executor.select({ name: supportPlans.name }).from(supportPlans).where(eq(supportPlans.id, order.planId)) : [];
    return translate(order.locale, "doc.line.plan", { plan: plan?.name ?? "—", months: order.termMonths ?? 12 });
  }
  const [product] = order.productId ? await executor.select({ name: products.name }).from(products).where(eq(products.id, order.productId)) : [];
  const name = product?.name ?? "—";
  return translate(order.locale, order.kind === "renewal" ? "doc.line.renewal" : "doc.line.licence", { product: name });
}

/** The data of a document for an order — issued (`number` given) or a preview of the invoice page. */
export async function documentDataFor(executor: Executor, order: Order, kind: DocumentKind, at: Date, number: string | null, refund?: Refund): Promise<DocumentData> {
  const seller = await sellerParty(executor);
  const buyer = await buyerParty(executor, order.organisationId, order.buyerEmail);
  return buildDocumentData({
    kind,
    number,
    issuedAt: at,
    locale: order.locale,
    seller,
    buyer,
    order,
    dueAt: new Date(order.createdAt.getTime() + seller.paymentTermsDays * 86_400_000),
    description: await lineDescription(executor, order),
    refund: refund ? { amountMinor: refund.amountMinor, reason: refundReasonIn(refund, order.locale), description: translate(order.locale, "doc.line.refund", { number: order.number }) } : undefined,
  });
}

/**
 * Issues a document inside the caller's transaction: numbers it, freezes its data and renders the
 * PDF once. An order's invoice, receipt and act are issued once each (a second call returns the
 * first); credit notes are one per refund.
 */
export async function issueDocument(
  tx: Executor,
  input: { order: Order; kind: DocumentKind; now: Date; actorId: string | null; refund?: Refund },
): Promise<BillingDocument> {
  const { order, kind, now } = input;
  const existing = await tx
    .select()
    .from(billingDocuments)
    .where(input.refund ? eq(billingDocuments.refundId, input.refund.id) : and(eq(billingDocuments.orderId, order.id), eq(billingDocuments.kind, kind)))
    .limit(1);
  if (existing[0]) return existing[0];
  const year = documentYear(now);
  const number = await nextDocumentNumber(tx, kind, year);
  const data = await documentDataFor(tx, order, kind, now, formatDocumentNumber(year, number), input.refund);
  const pdf = await renderDocumentPdf(data);
  const [document] = await tx
    .insert(billingDocuments)
    .values({
      kind,
      year,
      number,
      orderId: order.id,
      refundId: input.refund?.id ?? null,
      organisationId: order.organisationId,
      locale: order.locale,
      issuedAt: now,
      totalMinor: data.totalMinor,
      currency: data.currency,
      snapshot: data,
      pdf,
      sha256: createHash("sha256").update(pdf).digest("hex"),
      issuedBy: input.actorId,
    })
    .returning();
  await recordAudit(tx, {
    actorId: input.actorId,
    action: "document.issued",
    entityType: "order",
    entityId: order.id,
    after: { documentId: document!.id, kind, number: formatDocumentNumber(year, number), totalMinor: data.totalMinor, currency: data.currency },
  });
  return document!;
}

/** Receipt and act for a paid order (paid amount > 0), in the payment's transaction. */
export async function issuePaymentDocuments(tx: Executor, order: Order, now: Date, actorId: string | null) {
  if (order.amountMinor <= 0) return [];
  return [await issueDocument(tx, { order, kind: "receipt", now, actorId }), await issueDocument(tx, { order, kind: "act", now, actorId })];
}

/**
 * May this viewer read the order's documents? Staff who read orders; a customer of the order's
 * organisation with billing access, or who placed the order; an anonymous holder of the order's
 * address (the capability the invoice email carries). Anything else is "not found".
 */
export async function mayReadOrderDocuments(viewer: Actor | null, order: Pick<Order, "organisationId" | "buyerEmail">, viewerEmail: string | null): Promise<boolean> {
  if (!viewer) return true;
  if (viewer.role !== "customer") return can(viewer, "read:order:any");
  if (viewer.organisationId !== order.organisationId) return false;
  if (viewerEmail && viewerEmail.toLowerCase() === order.buyerEmail.toLowerCase()) return true;
  return hasBillingAccess(viewer);
}

export type DocumentSummary = { id: string; kind: DocumentKind; number: string; issuedAt: Date; totalMinor: number; currency: string };

export async function documentsOfOrders(executor: Executor, orderIds: string[]): Promise<Map<string, DocumentSummary[]>> {
  const byOrder = new Map<string, DocumentSummary[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await executor
    .select({ id: billingDocuments.id, orderId: billingDocuments.orderId, kind: billingDocuments.kind, year: billingDocuments.year, number: billingDocuments.number, issuedAt: billingDocuments.issuedAt, totalMinor: billingDocuments.totalMinor, currency: billingDocuments.currency })
    .from(billingDocuments)
    .where(inArray(billingDocuments.orderId, orderIds))
    .orderBy(billingDocuments.issuedAt, billingDocuments.kind);
  for (const row of rows) {
    const list = byOrder.get(row.orderId) ?? [];
    list.push({ id: row.id, kind: row.kind, number: formatDocumentNumber(row.year, row.number), issuedAt: row.issuedAt, totalMinor: row.totalMinor, currency: row.currency });
    byOrder.set(row.orderId, list);
  }
  return byOrder;
}

/**
 * One document's PDF, as stored. `kind` may name the order's invoice before it exists: the first
 * download issues it (numbered then), under a lock on the order so two clicks issue one invoice.
 */
export async function downloadDocument(viewer: (Actor & { email?: string }) | null, orderId: string, ref: string, now = new Date()) {
  if (!isUuid(orderId)) throw AppError.notFound();
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  if (!order || !(await mayReadOrderDocuments(viewer, order, viewer?.email ?? null))) throw AppError.notFound();
  let document: BillingDocument | undefined;
  if (ref === "invoice") {
    if (order.amountMinor <= 0) throw AppError.notFound();
    document = await db.transaction(async (tx) => {
      const [locked] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
      return issueDocument(tx, { order: locked!, kind: "invoice", now, actorId: viewer?.id ?? null });
    });
  } else {
    if (!isUuid(ref)) throw AppError.notFound();
    [document] = await db.select().from(billingDocuments).where(and(eq(billingDocuments.id, ref), eq(billingDocuments.orderId, orderId))).limit(1);
  }
  if (!document) throw AppError.notFound();
  const kindName = { invoice: "invoice", receipt: "receipt", act: "act", credit_note: "credit-note" }[document.kind];
  return { pdf: document.pdf, sha256: document.sha256, filename: `${kindName}-${formatDocumentNumber(document.year, document.number)}.pdf` };
}

export async function refundsOfOrder(executor: Executor, orderId: string) {
  return executor.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(desc(refunds.createdAt));
}
