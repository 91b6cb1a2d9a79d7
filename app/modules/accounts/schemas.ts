import { DateTime, IANAZone } from "luxon";
import { z } from "zod";
import { emailField, optionalText } from "~/utils/forms";
import { ROLES } from "./permissions";

export const PASSWORD_MIN_LENGTH = 10;

export const passwordField = z
  .string({ error: "account.error.passwordRequired" })
  .min(PASSWORD_MIN_LENGTH, { error: "account.error.passwordTooShort" })
  .max(200, { error: "account.error.passwordTooLong" });

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: "account.error.yourPassword" }).min(1, { error: "account.error.yourPassword" }),
  redirectTo: optionalText(500),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const secondFactorSchema = z.object({
  code: z.string({ error: "account.error.codeRequired" }).trim().min(1, { error: "account.error.codeRequired" }).max(40),
  redirectTo: optionalText(500),
});

export const changePasswordSchema = z
  .object({ currentPassword: z.string({ error: "account.error.currentPassword" }).min(1, { error: "account.error.currentPassword" }), password: passwordField, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { error: "account.error.passwordsDiffer", path: ["confirmPassword"] });

export const setPasswordSchema = z
  .object({ password: passwordField, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { error: "account.error.passwordsDiffer", path: ["confirmPassword"] });

export const timeZoneField = z
  .string()
  .refine((tz) => IANAZone.isValidZone(tz), { error: "account.error.timeZone" });

export const profileSchema = z.object({
  name: z.string().trim().min(1, { error: "account.error.yourName" }).max(200),
  locale: z.enum(["en", "ru"], { error: "account.error.locale" }),
  timeZone: timeZoneField,
});

export const nameField = z.string({ error: "account.error.name" }).trim().min(1, { error: "account.error.name" }).max(200);

export const inviteUserSchema = z
  .object({
    email: emailField,
    name: nameField,
    role: z.enum(ROLES, { error: "account.error.role" }),
    organisationId: optionalText(64),
    jobTitle: optionalText(200),
  })
  .refine((v) => v.role !== "customer" || !!v.organisationId, {
    error: "account.error.customerNeedsOrganisation",
    path: ["organisationId"],
  });

export const inviteContactSchema = z.object({ email: emailField, name: nameField, jobTitle: optionalText(200) });

export const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum(ROLES, { error: "account.error.role" }) });

export const organisationSchema = z.object({
  name: nameField,
  taxId: optionalText(32),
  email: z.preprocess((v) => (v === "" ? undefined : v), emailField.optional()),
  phone: optionalText(40),
});

export const PASSWORD_RESET_MINUTES = 60;
export const INVITATION_DAYS = 7;

export function expiresAfterMinutes(now: Date, minutes: number): Date {
  return DateTime.fromJSDate(now).plus({ minutes }).toJSDate();
}

/** A small curated list for the profile form; any valid IANA zone is accepted on the server. */
export const COMMON_TIME_ZONES = [
  "Europe/Moscow",
  "Europe/Kaliningrad",
  "Europe/Samara",
  "Asia/Yekaterinburg",
  "Asia/Omsk",
  "Asia/Novosibirsk",
  "Asia/Krasnoyarsk",
  "Asia/Irkutsk",
  "Asia/Yakutsk",
  "Asia/Vladivostok",
  "Asia/Magadan",
  "Asia/Kamchatka",
  "Europe/Minsk",
  "Asia/Almaty",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Los_Angeles",
  "UTC",
];
