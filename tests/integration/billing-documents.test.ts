import { forgetCachedSettings, saveSettingsArea } from "~/modules/settings/settings.server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, billingDocuments, documentCounters, orders, organisationBillingDetails, settings } from "#db/schema";
import { documentYear, downloadDocument, issueDocument, nextDocumentNumber } from "~/modules/billing/documents.server";
import { createNewLicenceOrder, createRenewalOrder, markOrderPaid } from "~/modules/billing/orders.server";
import { db } from "~/utils/db.server";
import { createUser } from "../factories/accounts";
import { createLicence, createProduct } from "../factories/licensing";
import { pdfText } from "../factories/pdf";

const email = () => `buyer-${Math.random().toString(36).slice(2, 8)}@example.com`;

async function invoiceOrder(listPriceMinor = 1_200_000, locale: "en" | "ru" = "ru") {
  const product = await createProduct({ listPriceMinor, currency: "RUB", name: "SEO Booster" });
  const { order } = await createNewLicenceOrder(null, { productId: product.id, email: email(), name: "Olga", organisationName: "Romashka LLC", method: "invoice", locale });
  return order;
}

describe("document numbering", () => {
  it("issues one gap-free sequence per kind and year under concurrent issue", async () => {
    const created = await Promise.all(Array.from({ length: 10 }, () => invoiceOrder(100_000)));
    const now = new Date();
    const documents = await Promise.all(
      created.map((order) => db.transaction((tx) => issueDocument(tx, { order, kind: "invoice", now, actorId: null }))),
    );
    const numbers = documents.map((d) => d.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(10);
    expect(numbers.at(-1)! - numbers[0]! + 1).toBe(10);
    const [counter] = await db.select().from(documentCounters).where(and(eq(documentCounters.kind, "invoice"), eq(documentCounters.year, documentYear(now))));
    expect(counter!.lastNumber).toBe(numbers.at(-1));
    // Issuing again returns the same document, never a second number.
    const again = await db.transaction((tx) => issueDocument(tx, { order: created[0]!, kind: "invoice", now, actorId: null }));
    expect(again.id).toBe(documents[0]!.id);
  });

  it("a rolled-back issue gives its number back", async () => {
    const year = 2199;
    const first = await db.transaction((tx) => nextDocumentNumber(tx, "act", year));
    await expect(
      db.transaction(async (tx) => {
        await nextDocumentNumber(tx, "act", year);
        throw new Error("rendering failed");
      }),
    ).rejects.toThrow("rendering failed");
    const next = await db.transaction((tx) => nextDocumentNumber(tx, "act", year));
    expect(next).toBe(first + 1);
    // Other kinds and years have their own sequences.
    expect(await db.transaction((tx) => nextDocumentNumber(tx, "credit_note", year))).toBe(1);
    expect(await db.transaction((tx) => nextDocumentNumber(tx, "act", year + 1))).toBe(1);
  });

  it("concurrent downloads of a pending invoice issue it once", async () => {
    const order = await invoiceOrder();
    const results = await Promise.all(Array.from({ length: 6 }, () => downloadDocument(null, order.id, "invoice")));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(await db.select().from(billingDocuments).where(eq(billingDocuments.orderId, order.id))).toHaveLength(1);
  });
});

describe("documents as PDF", () => {
  it("an invoice in Russian carries both parties with tax IDs, the total and the total in words; re-download is byte-identical", async () => {
    const order = await invoiceOrder(1_200_000, "ru");
    await db.insert(organisationBillingDetails).values({
      organisationId: order.organisationId,
      legalName: "ООО «Ромашка»",
      taxId: "7701234567",
      kpp: "770101001",
      legalAddress: "125009, Москва, ул. Тверская, д. 7",
      bankName: "ПАО Сбербанк",
      bankAccount: "40702810900000012345",
      bankCode: "044525225",
      correspondentAccount: "30101810400000000225",
    });
    const first = await downloadDocument(null, order.id, "invoice");
    const text = await pdfText(first.pdf);
    expect(text).toContain("Счёт на оплату №");
    expect(text).toContain("ООО «Ромашка»");
    expect(text).toContain("ИНН 7701234567");
    expect(text).toContain("КПП 770101001");
    expect(text).toContain("Keydesk Software LLC");
    expect(text).toContain("ИНН 7700000009");
    expect(text).toContain("12 000,00");
    expect(text).toContain("Двенадцать тысяч рублей 00 копеек");
    expect(text).toContain("Лицензия SEO Booster с 1 годом обновлений и поддержки");
    expect(text).toContain("Без налога (НДС)");

    // A change of details afterwards never rewrites the issued document.
    await db.update(organisationBillingDetails).set({ legalName: "ООО «Василёк»" }).where(eq(organisationBillingDetails.organisationId, order.organisationId));
    const second = await downloadDocument(null, order.id, "invoice");
    expect(Buffer.compare(first.pdf, second.pdf)).toBe(0);
    expect(second.filename).toBe(first.filename);
  });

  it("marking a bank transfer paid issues a receipt and an act with the payment reference and the new details", async () => {
    const admin = await createUser("admin");
    const order = await invoiceOrder(1_500_050, "en");
    const paidOn = new Date(order.createdAt.getTime() + 3_600_000);
    await expect(markOrderPaid(admin, order.id, new Date(), { paidOn: new Date(order.createdAt.getTime() - 5 * 86_400_000) })).rejects.toMatchObject({ code: "invalid", fieldErrors: { paidOn: ["billing.fieldError.paidBeforeOrder"] } });
    await markOrderPaid(admin, order.id, new Date(), { paidOn, reference: "PP-4711" });
    const docs = await db.select().from(billingDocuments).where(eq(billingDocuments.orderId, order.id));
    expect(docs.map((d) => d.kind).sort()).toEqual(["act", "receipt"]);
    const receipt = await pdfText(docs.find((d) => d.kind === "receipt")!.pdf);
    expect(receipt).toContain("Payment receipt No.");
    expect(receipt).toContain("PP-4711");
    expect(receipt).toContain("Fifteen thousand roubles 50 kopecks");
    const act = await pdfText(docs.find((d) => d.kind === "act")!.pdf);
    expect(act).toContain("Certificate of completion No.");
    expect(act).toContain("Contractor");
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, order.id), eq(auditLog.action, "document.issued")));
    expect(audit).toHaveLength(2);
    const [paid] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(paid!.paidAt).toEqual(paidOn);
    expect(paid!.paymentReference).toBe("PP-4711");
  });

  it("VAT on top is added to the order and printed with its rate", async () => {
    await saveSettingsArea("billing", { vatMode: "on_top", vatRateBasisPoints: 2200 });
    try {
      const customer = await createUser("customer", { isPrimaryContact: true });
      const licence = await createLicence({ organisationId: customer.organisationId!, product: await createProduct({ listPriceMinor: 2_000_000, currency: "RUB" }) });
      const { order } = await createRenewalOrder({ ...customer, locale: "ru" }, licence.id, "invoice");
      expect(order).toMatchObject({ amountMinor: 1_220_000, vatMinor: 220_000, vatMode: "on_top", vatRateBasisPoints: 2200 });
      const text = await pdfText((await downloadDocument({ ...customer, email: customer.email }, order.id, "invoice")).pdf);
      expect(text).toContain("НДС 22 %");
      expect(text).toContain("2 200,00");
      expect(text).toContain("12 200,00");
      expect(text).toContain("Двенадцать тысяч двести рублей 00 копеек");
    } finally {
      await db.delete(settings).where(eq(settings.key, "billing"));
      forgetCachedSettings();
    }
  });
});
