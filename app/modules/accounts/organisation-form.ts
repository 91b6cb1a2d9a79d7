import { collapseSpaces, normaliseEmail, normaliseInn, normaliseKpp, normaliseName, normalisePhone } from "../imports/normalise";

/**
 * The staff form that edits an organisation (pure). Every value goes through the same
 * normalisers as an import (app/modules/imports/normalise.ts), so a phone typed on the form and
 * one imported from a spreadsheet compare equal; duplicates are found by the same keys the
 * import and SPEC §8 use: tax ID, phone and email.
 */

export const ORGANISATION_FORM_FIELDS = ["name", "legalForm", "taxId", "kpp", "phones", "emails", "address", "planId", "notes"] as const;
export type OrganisationFormField = (typeof ORGANISATION_FORM_FIELDS)[number];

export type OrganisationValues = {
  name: string;
  legalForm: string | null;
  taxId: string | null;
  kpp: string | null;
  phone: string | null;
  extraPhones: string[];
  email: string | null;
  extraEmails: string[];
  address: string | null;
  planId: string | null;
  notes: string | null;
};

/** A field's problem as a code (rendered as `orgs.error.<code>`), with the offending text. */
export type OrganisationFieldError = { code: string; value?: string };
export type ParsedOrganisationForm = { ok: true; values: OrganisationValues } | { ok: false; errors: Partial<Record<OrganisationFormField, OrganisationFieldError>> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LIMITS = { name: 300, legalForm: 100, address: 1000, notes: 5000 } as const;

/** Phones one per line (a `;ext=12` or `, доб. 12` belongs to its line); emails by line, comma, semicolon or space. */
export function splitPhones(raw: string): string[] {
  return raw.split(/\r?\n/).map(collapseSpaces).filter(Boolean);
}
export function splitEmails(raw: string): string[] {
  return raw.split(/[\s,;]+/).filter(Boolean);
}

export function parseOrganisationForm(raw: Partial<Record<string, string>>, defaultCountry: string): ParsedOrganisationForm {
  const errors: Partial<Record<OrganisationFormField, OrganisationFieldError>> = {};
  const text = (field: "legalForm" | "address" | "notes") => {
    const value = field === "notes" ? (raw[field] ?? "").trim() : collapseSpaces(raw[field] ?? "");
    if (value.length > LIMITS[field]) errors[field] = { code: "too_long" };
    return value === "" ? null : value;
  };
  const name = normaliseName(raw.name ?? "");
  if (name === "") errors.name = { code: "required" };
  else if (name.length > LIMITS.name) errors.name = { code: "too_long" };

  let taxId: string | null = null;
  if ((raw.taxId ?? "").trim() !== "") {
    const inn = normaliseInn(raw.taxId!);
    if (inn.ok) taxId = inn.value.inn;
    else errors.taxId = { code: inn.reason };
  }
  let kpp: string | null = null;
  if ((raw.kpp ?? "").trim() !== "") {
    const parsed = normaliseKpp(raw.kpp!);
    if (parsed.ok) kpp = parsed.value;
    else errors.kpp = { code: parsed.reason };
  }

  const phones: string[] = [];
  for (const line of splitPhones(raw.phones ?? "")) {
    const phone = normalisePhone(line, defaultCountry);
    if (!phone.ok) {
      errors.phones ??= { code: phone.reason, value: line };
      continue;
    }
    if (!phones.includes(phone.value.formatted)) phones.push(phone.value.formatted);
  }
  const emails: string[] = [];
  for (const part of splitEmails(raw.emails ?? "")) {
    const email = normaliseEmail(part);
    if (!email.ok) {
      errors.emails ??= { code: email.reason, value: part };
      continue;
    }
    if (!emails.includes(email.value)) emails.push(email.value);
  }

  const planText = (raw.planId ?? "").trim();
  if (planText !== "" && !UUID.test(planText)) errors.planId = { code: "plan_unknown" };
  const values: OrganisationValues = {
    name,
    legalForm: text("legalForm"),
    taxId,
    kpp,
    phone: phones[0] ?? null,
    extraPhones: phones.slice(1),
    email: emails[0] ?? null,
    extraEmails: emails.slice(1),
    address: text("address"),
    planId: planText === "" ? null : planText.toLowerCase(),
    notes: text("notes"),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, values };
}

/** The form's text for an organisation as stored (phones and emails one per line). */
export function organisationFormValues(org: Omit<OrganisationValues, "planId"> & { planId: string | null }): Record<OrganisationFormField, string> {
  return {
    name: org.name,
    legalForm: org.legalForm ?? "",
    taxId: org.taxId ?? "",
    kpp: org.kpp ?? "",
    phones: [org.phone, ...org.extraPhones].filter(Boolean).join("\n"),
    emails: [org.email, ...org.extraEmails].filter(Boolean).join("\n"),
    address: org.address ?? "",
    planId: org.planId ?? "",
    notes: org.notes ?? "",
  };
}

export type DuplicateKey = { by: "taxId" | "phone" | "email"; key: string };

/**
 * The keys another organisation is a likely duplicate by (SPEC §8: email, tax ID and phone),
 * in the normalised forms the import stores. Names are not a key here: two branches of one
 * company may share a name, and the import only falls back to the name without a tax ID.
 */
export function duplicateKeys(values: Pick<OrganisationValues, "taxId" | "phone" | "extraPhones" | "email" | "extraEmails">): DuplicateKey[] {
  const keys: DuplicateKey[] = [];
  if (values.taxId) keys.push({ by: "taxId", key: values.taxId });
  for (const phone of [values.phone, ...values.extraPhones]) if (phone) keys.push({ by: "phone", key: phone });
  for (const email of [values.email, ...values.extraEmails]) if (email) keys.push({ by: "email", key: email });
  return keys;
}

/** Which of `keys` an organisation carries (what the warning names beside the link to it). */
export function matchingKeys(keys: DuplicateKey[], other: Pick<OrganisationValues, "taxId" | "phone" | "extraPhones" | "email" | "extraEmails">): DuplicateKey[] {
  const theirs = duplicateKeys(other);
  return keys.filter((k) => theirs.some((t) => t.by === k.by && t.key === k.key));
}
