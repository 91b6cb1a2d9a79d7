import { DateTime, IANAZone } from "luxon";
import { z } from "zod";
import { emailField, optionalText } from "~/utils/forms";
import { ROLES } from "./permissions";

export const PASSWORD_MIN_LENGTH = 10;

export const passwordField = z
  .string({ error: "Enter a password" })
  .min(PASSWORD_MIN_LENGTH, { error: `Use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(200, { error: "Use at most 200 characters" });

export const signInSchema = z.object({
  email: emailField,
  password: z.string({ error: "Enter your password" }).min(1, { error: "Enter your password" }),
  redirectTo: optionalText(500),
});

export const forgotPasswordSchema = z.object({ email: emailField });

export const secondFactorSchema = z.object({
  code: z.string({ error: "Enter the code" }).trim().min(1, { error: "Enter the code" }).max(40),
  redirectTo: optionalText(500),
});

export const changePasswordSchema = z
  .object({ currentPassword: z.string({ error: "Enter your current password" }).min(1, { error: "Enter your current password" }), password: passwordField, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { error: "The passwords do not match", path: ["confirmPassword"] });

export const setPasswordSchema = z
  .object({ password: passwordField, confirmPassword: z.string() })
  .refine((v) => v.password === v.confirmPassword, { error: "The passwords do not match", path: ["confirmPassword"] });

export const timeZoneField = z
  .string()
  .refine((tz) => IANAZone.isValidZone(tz), { error: "Choose a time zone from the list" });

export const profileSchema = z.object({
  name: z.string().trim().min(1, { error: "Enter your name" }).max(200),
  locale: z.enum(["en", "ru"], { error: "Choose English or Russian" }),
  timeZone: timeZoneField,
});

export const nameField = z.string({ error: "Enter a name" }).trim().min(1, { error: "Enter a name" }).max(200);

export const inviteUserSchema = z
  .object({
    email: emailField,
    name: nameField,
    role: z.enum(ROLES, { error: "Choose a role" }),
    organisationId: optionalText(64),
    jobTitle: optionalText(200),
  })
  .refine((v) => v.role !== "customer" || !!v.organisationId, {
    error: "A customer belongs to an organisation: choose one",
    path: ["organisationId"],
  });

export const inviteContactSchema = z.object({ email: emailField, name: nameField, jobTitle: optionalText(200) });

export const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum(ROLES, { error: "Choose a role" }) });

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
