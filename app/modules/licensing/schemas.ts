import { DateTime } from "luxon";
import { z } from "zod";
import type { MessageKey } from "~/locales/en";
import { emailField, optionalText } from "~/utils/forms";
import { parseMajorAmount } from "../billing/money";
import { parseVersion } from "./entitlement";
import { normaliseHost } from "./host";

/** Form and API inputs of the licensing module, one zod schema each (server and client). */

const trimmed = (max: number, message: MessageKey) => z.string({ error: message }).trim().min(1, { error: message }).max(max);

export const productFormSchema = z
  .object({
    name: trimmed(200, "product.error.name"),
    slug: z
      .string({ error: "product.error.slug" })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "product.error.slugFormat" })
      .max(80),
    description: z.string().trim().max(10_000).default(""),
    currency: z
      .string({ error: "product.error.currency" })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, { error: "product.error.currencyFormat" }),
    price: z.string({ error: "product.error.price" }).trim(),
    free: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
    requiredPlatform: optionalText(100),
    active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  })
  .transform((value, ctx) => {
    const minor = value.free ? 0 : parseMajorAmount(value.price, value.currency);
    if (minor === null || (!value.free && minor === 0)) {
      ctx.addIssue({ code: "custom", path: ["price"], message: "product.error.priceAboveZero" });
      return z.NEVER;
    }
    const { price: _price, ...rest } = value;
    return { ...rest, listPriceMinor: minor, requiredPlatform: value.requiredPlatform ?? null };
  });
export type ProductFormInput = z.infer<typeof productFormSchema>;

/** `datetime-local` values are read in the admin's time zone by the route. */
export const releaseFormSchema = z.object({
  version: z
    .string({ error: "release.error.version" })
    .trim()
    .min(1, { error: "release.error.version" })
    .max(50)
    .refine((v) => parseVersion(v) !== null, { error: "release.error.versionFormat" }),
  notes: z.string().trim().max(20_000).default(""),
  publishedAt: optionalText(40),
});

export const hostField = z
  .string({ error: "licence.error.host" })
  .trim()
  .min(1, { error: "licence.error.host" })
  .max(300)
  .transform((value, ctx) => {
    const result = normaliseHost(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: "licence.error.hostFormat" });
      return z.NEVER;
    }
    return result.host;
  });

export const activationSchema = z.object({ host: hostField });

export const dateField = (message: MessageKey) =>
  z
    .string({ error: message })
    .trim()
    .pipe(z.iso.date({ error: message }));

export const platformExpirySchema = z.object({ expiresOn: dateField("licence.error.platformExpiry") });

export const sourceFlagSchema = z.object({ note: trimmed(2000, "licence.error.sourceNote") });
export const staffReasonSchema = z.object({ reason: trimmed(2000, "licence.error.reason") });
export const extendSchema = z.object({
  days: z.coerce
    .number({ error: "licence.error.days" })
    .int({ error: "licence.error.wholeDays" })
    .min(1, { error: "licence.error.daysMinField" })
    .max(3650, { error: "licence.error.daysMax" }),
  reason: trimmed(2000, "licence.error.reason"),
});

export const paymentMethodField = z.enum(["invoice", "card"], { error: "licensing.error.paymentMethod" });

export const buySchema = z.object({
  email: emailField,
  name: trimmed(200, "licensing.error.yourName"),
  organisationName: trimmed(200, "licensing.error.organisationName"),
  method: paymentMethodField,
});

/** The buy form a signed-in customer sees: who buys comes from the session, so it asks only how to pay. */
export const customerBuySchema = buySchema.pick({ method: true });

export const renewByKeySchema = z.object({
  key: trimmed(100, "licensing.error.licenceKey"),
  email: emailField,
  method: paymentMethodField,
});

/** The licence API's input: unknown fields are ignored, wrong types are field errors. */
export const validateRequestSchema = z.object({
  key: z.string({ error: "key is required" }).trim().min(1, { error: "key is required" }).max(100, { error: "key is too long" }),
  host: z.string({ error: "host is required" }).trim().min(1, { error: "host is required" }).max(300, { error: "host is too long" }),
  version: z.string({ error: "version must be a string" }).trim().max(50, { error: "version is too long" }).optional(),
});

/** A `datetime-local` value ("2026-06-01T10:30") read in the user's time zone; null if empty or invalid. */
export function parseLocalDateTime(value: string | undefined, timeZone: string): Date | null {
  if (!value) return null;
  const parsed = DateTime.fromISO(value, { zone: timeZone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** The value a `datetime-local` input shows for an instant, in the user's time zone. */
export function toLocalDateTimeInput(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "";
  return DateTime.fromJSDate(new Date(value), { zone: timeZone }).toFormat("yyyy-LL-dd'T'HH:mm");
}

/** A calendar date ("2027-03-01") means "valid through that day" in the user's time zone. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return DateTime.fromISO(date, { zone: timeZone }).endOf("day").toJSDate();
}

/** The `date` input value for an instant, in the user's time zone. */
export function toLocalDateInput(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "";
  return DateTime.fromJSDate(new Date(value), { zone: timeZone }).toISODate() ?? "";
}
