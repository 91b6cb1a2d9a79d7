import type { MailNote } from "#db/schema";
import type { MessageKey } from "~/locales/en";
import { translate, type Locale } from "~/utils/i18n";

export type { MailNote };

/**
 * A note of the mail channel in one reader's language (docs/decisions/132): the fact is stored,
 * the sentence is made when someone reads it, so a Russian customer's email reads in English to
 * an English engineer and in Russian to the customer.
 */
export function mailNoteText(locale: Locale, note: MailNote): string {
  if (note.kind === "access_moved") return translate(locale, "mail.accessMoved");
  return translate(locale, "mail.attachmentRefused", { name: note.fileName, reason: translate(locale, `mail.refusal.${note.reason}` satisfies MessageKey) });
}
