import { amountInWords } from "./amount-in-words";
import { priceDocument, priceLine, type VatMode, type VatSetting } from "./vat";
import type { OrderKind } from "./schemas";

/**
 * The data a billing document is printed from — the same for the HTML page and the PDF, and
 * frozen into the document's snapshot when it is issued (pure: no database, no clock).
 */

export const DOCUMENT_KINDS = ["invoice", "receipt", "act", "credit_note"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type PartyDetails = {
  name: string;
  taxId: string;
  kpp: string;
  address: string;
  bankName: string;
  bankAccount: string;
  bankCode: string;
  correspondentAccount: string;
  email: string;
};

export type DocumentLine = { description: string; quantity: number; unitPriceMinor: number; netMinor: number; vatMinor: number; totalMinor: number };

export type DocumentData = {
  kind: DocumentKind;
  /** "2026-00012"; null on a preview of a document not issued yet. */
  number: string | null;
  issuedAt: string;
  locale: "en" | "ru";
  seller: PartyDetails;
  buyer: PartyDetails;
  order: { number: number; createdAt: string; dueAt: string | null };
  lines: DocumentLine[];
  vat: VatSetting;
  netMinor: number;
  vatMinor: number;
  totalMinor: number;
  currency: string;
  totalInWords: string;
  payment: { paidAt: string; method: "card" | "invoice"; reference: string | null } | null;
  refund: { reason: string; orderTotalMinor: number } | null;
};

export type OrderForDocument = {
  number: number;
  kind: OrderKind;
  hours: number | null;
  amountMinor: number;
  vatMinor: number;
  vatMode: VatMode;
  vatRateBasisPoints: number;
  currency: string;
  method: "card" | "invoice";
  createdAt: Date;
  paidAt: Date | null;
  paymentReference: string | null;
};

/** "2026-00012": the year and the number within the year. */
export function formatDocumentNumber(year: number, number: number): string {
  return `${year}-${String(number).padStart(5, "0")}`;
}

/**
 * The order's single line as stated: with VAT on top the stated price is the net (the VAT was
 * added on the order), otherwise it is the amount paid. Pricing it again reproduces the order's VAT.
 */
export function orderLine(order: OrderForDocument, description: string): DocumentLine {
  const vat: VatSetting = { mode: order.vatMode, rateBasisPoints: order.vatRateBasisPoints };
  const stated = order.vatMode === "on_top" ? order.amountMinor - order.vatMinor : order.amountMinor;
  const { quantity, unitPriceMinor, netMinor, vatMinor, totalMinor } = priceLine({ quantity: 1, unitPriceMinor: stated }, vat);
  return { description, quantity, unitPriceMinor, netMinor, vatMinor, totalMinor };
}

export function buildDocumentData(input: {
  kind: DocumentKind;
  number: string | null;
  issuedAt: Date;
  locale: "en" | "ru";
  seller: PartyDetails;
  buyer: PartyDetails;
  order: OrderForDocument;
  dueAt: Date | null;
  description: string;
  refund?: { amountMinor: number; reason: string; description: string };
}): DocumentData {
  const { order } = input;
  const vat: VatSetting = { mode: order.vatMode, rateBasisPoints: order.vatRateBasisPoints };
  let lines: DocumentLine[];
  if (input.refund) {
    // A credit note returns part of what was paid: the refunded amount carries its share of VAT.
    const refundVat: VatSetting = vat.mode === "none" ? vat : { mode: "included", rateBasisPoints: vat.rateBasisPoints };
    const priced = priceLine({ quantity: 1, unitPriceMinor: input.refund.amountMinor }, refundVat);
    lines = [{ description: input.refund.description, quantity: 1, unitPriceMinor: priced.netMinor, netMinor: priced.netMinor, vatMinor: priced.vatMinor, totalMinor: priced.totalMinor }];
  } else {
    lines = [orderLine(order, input.description)];
  }
  const totals = priceDocument([], vat);
  for (const line of lines) {
    totals.netMinor += line.netMinor;
    totals.vatMinor += line.vatMinor;
    totals.totalMinor += line.totalMinor;
  }
  return {
    kind: input.kind,
    number: input.number,
    issuedAt: input.issuedAt.toISOString(),
    locale: input.locale,
    seller: input.seller,
    buyer: input.buyer,
    order: { number: order.number, createdAt: order.createdAt.toISOString(), dueAt: input.dueAt?.toISOString() ?? null },
    lines,
    vat,
    netMinor: totals.netMinor,
    vatMinor: totals.vatMinor,
    totalMinor: totals.totalMinor,
    currency: order.currency,
    totalInWords: amountInWords(totals.totalMinor, order.currency, input.locale),
    payment: order.paidAt && input.kind !== "invoice" ? { paidAt: order.paidAt.toISOString(), method: order.method, reference: order.paymentReference } : null,
    refund: input.refund ? { reason: input.refund.reason, orderTotalMinor: order.amountMinor } : null,
  };
}
