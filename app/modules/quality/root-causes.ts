import { checkInput } from "~/utils/forms";
import { z } from "zod";
import { issueMessage, type UserMessage } from "~/utils/messages";
import { DEFAULT_ROOT_CAUSE_CATEGORIES, type DefaultRootCauseCategory } from "./complaint-form";
import type { QualityLocale } from "./locale";

/**
 * The root-cause categories quality picks from: an editable list (stored as one setting).
 * A category has a stable code (what complaints store) and a label per language. Removing a
 * category only archives it: complaints that carry its code keep showing its label.
 */
export type RootCauseCategory = { code: string; en: string; ru: string; archived: boolean };

const DEFAULT_LABELS: Record<DefaultRootCauseCategory, { en: string; ru: string }> = {
  slow_response: { en: "Slow response", ru: "Медленный ответ" },
  wrong_answer: { en: "Wrong answer", ru: "Неверный ответ" },
  rudeness: { en: "Rudeness", ru: "Грубость" },
  not_resolved: { en: "Not resolved", ru: "Проблема не решена" },
  billing: { en: "Billing", ru: "Оплата и счета" },
  other: { en: "Other", ru: "Другое" },
};

export const DEFAULT_ROOT_CAUSES: readonly RootCauseCategory[] = DEFAULT_ROOT_CAUSE_CATEGORIES.map((code) => ({
  code,
  ...DEFAULT_LABELS[code],
  archived: false,
}));

export const MAX_ROOT_CAUSES = 50;
const CODE = /^[a-z][a-z0-9_]{0,39}$/;

export const rootCauseEntrySchema = z.object({
  code: z.string().regex(CODE, "rootCauses.error.code"),
  en: z.string().trim().min(1, "rootCauses.error.enRequired").max(80, "validation.tooLong"),
  ru: z.string().trim().min(1, "rootCauses.error.ruRequired").max(80, "validation.tooLong"),
  archived: z.boolean().default(false),
});

export const rootCauseListSchema = z
  .array(rootCauseEntrySchema)
  .max(MAX_ROOT_CAUSES)
  .refine((list) => new Set(list.map((c) => c.code)).size === list.length, "Each code may appear once");

/** A stored setting that does not parse falls back to the defaults rather than breaking the desk. */
export function parseRootCauseSetting(value: unknown): RootCauseCategory[] {
  const parsed = rootCauseListSchema.safeParse(value);
  return parsed.success && parsed.data.length > 0 ? parsed.data : DEFAULT_ROOT_CAUSES.map((c) => ({ ...c }));
}

/** A code made from an English label: "Missed call-back" → "missed_call_back". */
export function rootCauseCodeFrom(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .replace(/^[^a-z]+/, "")
      .slice(0, 32) || "cause";
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}_${n}`;
  return code;
}

export function rootCauseLabel(categories: readonly RootCauseCategory[], code: string, locale: QualityLocale): string {
  const found = categories.find((c) => c.code === code);
  if (!found) return code;
  return found[locale];
}

/**
 * Applies the edit form: existing rows (renamed or archived) and an optional new row.
 * Codes of existing rows never change.
 */
export function applyRootCauseEdit(
  current: readonly RootCauseCategory[],
  edit: { rows: Array<{ code: string; en: string; ru: string; archived: boolean }>; added?: { en: string; ru: string } | null },
): { ok: true; list: RootCauseCategory[] } | { ok: false; error: UserMessage | string } {
  const byCode = new Map(edit.rows.map((r) => [r.code, r]));
  const list: RootCauseCategory[] = current.map((c) => {
    const row = byCode.get(c.code);
    return row ? { code: c.code, en: row.en.trim() || c.en, ru: row.ru.trim() || c.ru, archived: row.archived } : { ...c };
  });
  if (edit.added && (edit.added.en.trim() || edit.added.ru.trim())) {
    if (!edit.added.en.trim() || !edit.added.ru.trim()) return { ok: false, error: "rootCauses.error.bothLanguages" };
    const code = rootCauseCodeFrom(edit.added.en, new Set(list.map((c) => c.code)));
    list.push({ code, en: edit.added.en.trim(), ru: edit.added.ru.trim(), archived: false });
  }
  const parsed = checkInput(rootCauseListSchema, list);
  if (!parsed.success) return { ok: false, error: parsed.error.issues[0] ? issueMessage(parsed.error.issues[0]) : "rootCauses.error.invalid" };
  if (parsed.data.every((c) => c.archived)) return { ok: false, error: "rootCauses.error.keepOneActive" };
  return { ok: true, list: parsed.data };
}
