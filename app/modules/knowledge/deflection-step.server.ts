import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../accounts/permissions";
import { linkDraftToTicket, suggestArticlesForDraft } from "./deflection.server";

/**
 * The new-ticket form's side of deflection, so the filing route stays as it was: read the
 * draft id, answer the "check these articles first" button, and remember which ticket a draft
 * became.
 */
export const draftIdOf = (formData: FormData): string | null => z.uuid().safeParse(formData.get("draftId")).data ?? null;

/** A new form, a new draft. */
export const newDraftId = (): string => randomUUID();

export function wantsSuggestions(formData: FormData): boolean {
  return formData.get("intent") === "suggest";
}

export async function suggestionsForForm(actor: Actor & { locale: "en" | "ru" }, formData: FormData) {
  const draftId = draftIdOf(formData);
  if (!draftId) return [];
  const text = `${String(formData.get("subject") ?? "")} ${String(formData.get("description") ?? "")}`;
  const hits = await suggestArticlesForDraft(actor, draftId, text, actor.locale);
  return hits.map((h) => ({ title: h.title, summary: h.summary, href: `/kb/${h.language}/${h.slug}?draft=${draftId}` }));
}

export async function rememberFiledDraft(actor: Actor, formData: FormData, ticketId: string): Promise<void> {
  const draftId = draftIdOf(formData);
  if (draftId) await linkDraftToTicket(actor, draftId, ticketId);
}
