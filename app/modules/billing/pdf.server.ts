import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import type { MessageKey } from "~/locales/en";
import { formatDate, translate } from "~/utils/i18n";
import { formatMoney } from "../licensing/renewal-pricing";
import type { DocumentData, PartyDetails } from "./documents";
import { formatVatRate } from "./vat";

/**
 * Billing documents as PDF (pdfkit) in the buyer's language, with DejaVu Sans embedded (subset)
 * so Cyrillic prints everywhere. The layout follows the usual Russian forms: seller's bank block
 * and invoice title, parties with tax IDs, a table of lines, VAT, totals and the total in words.
 * Rendering is deterministic (fixed creation date, no random ID), but the bytes are stored at
 * issue anyway: a re-download never re-renders.
 */

const FONT_FILES = { regular: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf" } as const;
let fontCache: { regular: Buffer; bold: Buffer } | null = null;

/**
 * The fonts ship in `assets/fonts/` at the project root: found from this file, built or not.
 * Read once per process; pdfkit parses and subsets them per document (a parsed font object must
 * not be shared between documents: the subsets then lose their character maps).
 */
function fonts() {
  if (fontCache) return fontCache;
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    for (let dir = start, i = 0; i < 8; i++, dir = dirname(dir)) {
      const candidate = join(dir, "assets", "fonts", FONT_FILES.regular);
      if (existsSync(candidate)) {
        fontCache = { regular: readFileSync(candidate), bold: readFileSync(join(dir, "assets", "fonts", FONT_FILES.bold)) };
        return fontCache;
      }
    }
  }
  throw new Error("The document fonts (assets/fonts/DejaVuSans.ttf) are missing");
}

const PAGE = { width: 595.28, margin: 40 };
const CONTENT = PAGE.width - 2 * PAGE.margin;

export async function renderDocumentPdf(data: DocumentData): Promise<Buffer> {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => translate(data.locale, key, params);
  const money = (minor: number) => formatMoney(minor, data.currency, data.locale === "ru" ? "ru-RU" : "en-GB");
  const plain = money;
  // The interface's one date style per language ("3 Oct 2027" / "3 окт. 2027 г.").
  const date = (iso: string) => formatDate(iso, data.locale, "Europe/Moscow");
  const issuedAt = new Date(data.issuedAt);
  const { regular, bold } = fonts();
  const doc = new PDFDocument({
    // An embedded font from the start: pdfkit then never loads its built-in Helvetica metrics.
    font: regular as unknown as string, // pdfkit accepts font bytes here (its types say string)
    size: "A4",
    margin: PAGE.margin,
    info: { Title: `${t(`doc.kind.${data.kind}` as MessageKey)} ${data.number ?? ""}`.trim(), Author: data.seller.name, Producer: "Keydesk", Creator: "Keydesk", CreationDate: issuedAt, ModDate: issuedAt },
    lang: data.locale,
    displayTitle: true,
  });
  doc.registerFont("regular", regular as unknown as string);
  doc.registerFont("bold", bold as unknown as string);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const x0 = PAGE.margin;
  const para = (text: string, options: { font?: "regular" | "bold"; size?: number; gap?: number } = {}) => {
    doc.font(options.font ?? "regular").fontSize(options.size ?? 9).text(text, x0, doc.y, { width: CONTENT });
    doc.moveDown(options.gap ?? 0.3);
  };
  const party = (label: string, p: PartyDetails) => {
    const parts = [p.name, p.taxId ? `${t("doc.taxId")} ${p.taxId}` : "", p.kpp ? `${t("doc.kpp")} ${p.kpp}` : "", p.address].filter(Boolean);
    doc.font("bold").fontSize(9).text(`${label}: `, x0, doc.y, { continued: true, width: CONTENT });
    doc.font("regular").text(parts.join(", "));
    if (p.bankAccount) {
      doc.text(
        [`${t("doc.account")} ${p.bankAccount}`, p.bankName, p.bankCode ? `${t("doc.bankCode")} ${p.bankCode}` : "", p.correspondentAccount ? `${t("doc.correspondent")} ${p.correspondentAccount}` : ""]
          .filter(Boolean)
          .join(", "),
        x0,
        doc.y,
        { width: CONTENT },
      );
    }
    doc.moveDown(0.4);
  };

  // The seller's bank block (invoice) — the grid accountants copy payment details from.
  if (data.kind === "invoice") {
    const top = doc.y;
    const rows: Array<[string, string]> = [
      [t("doc.bank"), data.seller.bankName],
      [t("doc.bankCode"), data.seller.bankCode],
      [t("doc.correspondent"), data.seller.correspondentAccount],
      [t("doc.account"), data.seller.bankAccount],
      [`${t("doc.taxId")} / ${t("doc.kpp")}`, [data.seller.taxId, data.seller.kpp].filter(Boolean).join(" / ")],
      [t("doc.payee"), data.seller.name],
    ];
    let y = top;
    for (const [label, value] of rows) {
      doc.rect(x0, y, CONTENT * 0.35, 16).stroke();
      doc.rect(x0 + CONTENT * 0.35, y, CONTENT * 0.65, 16).stroke();
      doc.font("regular").fontSize(8).text(label, x0 + 3, y + 4, { width: CONTENT * 0.35 - 6, lineBreak: false });
      doc.text(value, x0 + CONTENT * 0.35 + 3, y + 4, { width: CONTENT * 0.65 - 6, lineBreak: false });
      y += 16;
    }
    doc.y = y + 14;
  }

  const title = t("doc.title", { kind: t(`doc.kind.${data.kind}` as MessageKey), number: data.number ?? t("doc.preview"), date: date(data.issuedAt) });
  doc.font("bold").fontSize(14).text(title, x0, doc.y, { width: CONTENT });
  doc.moveTo(x0, doc.y + 4).lineTo(x0 + CONTENT, doc.y + 4).lineWidth(1.5).stroke().lineWidth(1);
  doc.moveDown(1);

  const isAct = data.kind === "act";
  party(isAct ? t("doc.contractor") : t("doc.seller"), data.seller);
  party(isAct ? t("doc.customer") : t("doc.buyer"), data.buyer);
  para(t("doc.order", { number: data.order.number, date: date(data.order.createdAt) }), { gap: 0.6 });

  // Lines.
  const cols = [
    { key: "no", w: 0.06, align: "center" as const },
    { key: "item", w: 0.5, align: "left" as const },
    { key: "qty", w: 0.08, align: "right" as const },
    { key: "unit", w: 0.06, align: "center" as const },
    { key: "price", w: 0.15, align: "right" as const },
    { key: "amount", w: 0.15, align: "right" as const },
  ];
  const row = (cells: string[], font: "regular" | "bold") => {
    doc.font(font).fontSize(8.5);
    const heights = cells.map((cell, i) => doc.heightOfString(cell, { width: cols[i]!.w * CONTENT - 6 }));
    const h = Math.max(...heights) + 8;
    let x = x0;
    const y = doc.y;
    cells.forEach((cell, i) => {
      const w = cols[i]!.w * CONTENT;
      doc.rect(x, y, w, h).stroke();
      doc.text(cell, x + 3, y + 4, { width: w - 6, align: cols[i]!.align });
      x += w;
    });
    doc.y = y + h;
  };
  row([t("doc.col.no"), t("doc.col.item"), t("doc.col.qty"), t("doc.col.unit"), t("doc.col.price"), t("doc.col.amount")], "bold");
  data.lines.forEach((line, i) => {
    const shownPrice = data.vat.mode === "on_top" ? line.netMinor : line.totalMinor;
    row([String(i + 1), line.description, String(line.quantity), t("doc.unit"), plain(line.unitPriceMinor), plain(shownPrice)], "regular");
  });
  doc.moveDown(0.6);

  // Totals, right-aligned: subtotal, VAT, total.
  const totals: Array<[string, string]> = [];
  const rate = formatVatRate(data.vat.rateBasisPoints);
  if (data.vat.mode === "on_top") {
    totals.push([t("doc.subtotal"), plain(data.netMinor)], [t("doc.vatOnTop", { rate }), plain(data.vatMinor)]);
  } else {
    totals.push([t("doc.subtotal"), plain(data.totalMinor)], [data.vat.mode === "included" ? t("doc.vatIncluded", { rate }) : t("doc.noVat"), data.vat.mode === "included" ? plain(data.vatMinor) : "—"]);
  }
  totals.push([data.kind === "invoice" ? t("doc.totalDue") : t("doc.total"), plain(data.totalMinor)]);
  for (const [label, value] of totals) {
    const y = doc.y;
    doc.font("bold").fontSize(9).text(`${label}:`, x0, y, { width: CONTENT * 0.83, align: "right" });
    doc.text(value, x0 + CONTENT * 0.83, y, { width: CONTENT * 0.17, align: "right" });
    doc.moveDown(0.2);
  }
  doc.moveDown(0.5);
  para(t("doc.summary", { count: data.lines.length, amount: money(data.totalMinor) }));
  para(data.totalInWords, { font: "bold", gap: 0.8 });

  if (data.kind === "invoice") {
    if (data.order.dueAt) para(t("doc.due", { date: date(data.order.dueAt) }));
    para(t("doc.reference", { number: data.order.number }), { gap: 0.8 });
  }
  if (data.payment) {
    para(`${t(data.payment.method === "card" ? "doc.paidBy.card" : "doc.paidBy.invoice")}. ${t("doc.paidOn", { date: date(data.payment.paidAt) })}`);
    if (data.payment.reference) para(t("doc.paymentReference", { reference: data.payment.reference }));
    doc.moveDown(0.4);
  }
  if (data.kind === "act") para(t("doc.actStatement"), { gap: 0.8 });
  if (data.refund) {
    para(t("doc.creditStatement", { amount: money(data.totalMinor), order: data.order.number, orderTotal: money(data.refund.orderTotalMinor) }));
    para(t("doc.reason", { reason: data.refund.reason }), { gap: 0.8 });
  }

  // Signatures.
  doc.moveDown(1.5);
  const y = doc.y;
  const half = CONTENT / 2;
  const sign = (label: string, x: number) => {
    doc.font("regular").fontSize(9).text(label, x, y, { width: half - 20 });
    doc.moveTo(x, y + 28).lineTo(x + half - 30, y + 28).stroke();
  };
  if (isAct) {
    sign(t("doc.signSeller"), x0);
    sign(t("doc.signBuyer"), x0 + half);
  } else {
    sign(t("doc.signHead"), x0);
    sign(t("doc.signAccountant"), x0 + half);
  }
  doc.end();
  return done;
}
