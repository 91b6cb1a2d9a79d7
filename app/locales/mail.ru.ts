import type { mailEn } from "./mail.en";

export const mailRu: Record<keyof typeof mailEn, string> = {
  "mail.noSubject": "(без темы)",
  "mail.attachmentRefused": "Вложение не принято: {name} — {reason}",
  "mail.refusal.too_large": "больше 25 МБ",
  "mail.refusal.empty": "файл пустой",
  "mail.refusal.type_not_accepted": "файлы такого типа не принимаются",
  "mail.refusal.too_many": "слишком много файлов в одном письме",
};
