import { z } from "zod";
import type { MessageKey } from "~/locales/en";
import { optionalText } from "~/utils/forms";
import { isValidInn } from "../imports/normalise";

/** Form inputs of the billing pages (pure: the routes and the use cases share them). */

/** The longest reason for cancelling an invoice or returning money. */
export const REASON_MAX = 500;

const digits = (min: number, max: number, message: MessageKey) =>
  z.preprocess((v) => (typeof v === "string" ? v.replace(/\s+/g, "") : v), z.union([z.literal(""), z.string().regex(new RegExp(`^\\d{${min},${max}}$`), message)]).optional());

export const billingDetailsSchema = z.object({
  legalName: z.string().trim().min(1, "billing.fieldError.legalNameRequired").max(300, "billing.fieldError.legalNameTooLong"),
  taxId: digits(10, 12, "billing.fieldError.taxIdLength").refine((v) => !v || isValidInn(v), "billing.fieldError.taxIdCheckDigit"),
  kpp: digits(9, 9, "billing.fieldError.kppLength"),
  legalAddress: optionalText(500),
  bankName: optionalText(200),
  bankAccount: digits(20, 20, "billing.fieldError.accountLength"),
  bankCode: digits(9, 9, "billing.fieldError.bicLength"),
  correspondentAccount: digits(20, 20, "billing.fieldError.correspondentLength"),
});
export type BillingDetailsInput = z.infer<typeof billingDetailsSchema>;

export const markPaidSchema = z.object({
  paidOn: z.preprocess((v) => (v === "" ? undefined : v), z.iso.date({ error: "billing.fieldError.paidOnDate" }).optional()),
  reference: optionalText(100),
});

export const cancelSchema = z.object({ reason: z.string().trim().min(1, "billing.fieldError.cancelReasonRequired").max(REASON_MAX, "billing.fieldError.reasonTooLong") });

export const refundSchema = z.object({
  amount: z.string().trim().min(1, "billing.fieldError.refundAmountRequired"),
  reason: z.string().trim().min(1, "billing.fieldError.refundReasonRequired").max(REASON_MAX, "billing.fieldError.reasonTooLong"),
});

export const ORDER_KINDS = ["new_licence", "renewal", "prepaid_hours", "support_plan"] as const;
export type OrderKind = (typeof ORDER_KINDS)[number];
