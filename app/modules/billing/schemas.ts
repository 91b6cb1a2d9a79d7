import { z } from "zod";
import { optionalText } from "~/utils/forms";
import { isValidInn } from "../imports/normalise";

/** Form inputs of the billing pages (pure: the routes and the use cases share them). */

const digits = (min: number, max: number, message: string) =>
  z.preprocess((v) => (typeof v === "string" ? v.replace(/\s+/g, "") : v), z.union([z.literal(""), z.string().regex(new RegExp(`^\\d{${min},${max}}$`), message)]).optional());

export const billingDetailsSchema = z.object({
  legalName: z.string().trim().min(1, "Enter the legal name").max(300, "Keep it under 300 characters"),
  taxId: digits(10, 12, "A tax ID (INN) has 10 or 12 digits").refine((v) => !v || isValidInn(v), "This tax ID (INN) fails its check digit: check it against your documents"),
  kpp: digits(9, 9, "A KPP has 9 digits"),
  legalAddress: optionalText(500),
  bankName: optionalText(200),
  bankAccount: digits(20, 20, "An account number has 20 digits"),
  bankCode: digits(9, 9, "A BIC has 9 digits"),
  correspondentAccount: digits(20, 20, "A correspondent account has 20 digits"),
});
export type BillingDetailsInput = z.infer<typeof billingDetailsSchema>;

export const markPaidSchema = z.object({
  paidOn: z.preprocess((v) => (v === "" ? undefined : v), z.iso.date({ error: "Enter a date that exists, as YYYY-MM-DD" }).optional()),
  reference: optionalText(100),
});

export const cancelSchema = z.object({ reason: z.string().trim().min(1, "Say why the invoice is cancelled").max(500, "Keep the reason under 500 characters") });

export const refundSchema = z.object({
  amount: z.string().trim().min(1, "Enter the amount to refund"),
  reason: z.string().trim().min(1, "Say why the money is returned").max(500, "Keep the reason under 500 characters"),
});

export const ORDER_KINDS = ["new_licence", "renewal", "prepaid_hours", "support_plan"] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
