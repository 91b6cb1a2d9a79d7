import type { EmailLocale } from "../_components/layout";

export type ComplaintOutcomeCode = "upheld" | "partly_upheld" | "rejected";

export const OUTCOME_LABELS: Record<EmailLocale, Record<ComplaintOutcomeCode, string>> = {
  en: { upheld: "Upheld", partly_upheld: "Partly upheld", rejected: "Not upheld" },
  ru: { upheld: "Жалоба удовлетворена", partly_upheld: "Жалоба удовлетворена частично", rejected: "Жалоба отклонена" },
};

export const CLOCK_LABELS: Record<EmailLocale, Record<"acknowledge" | "answer", string>> = {
  en: { acknowledge: "acknowledgement", answer: "answer" },
  ru: { acknowledge: "подтверждение получения", answer: "ответ" },
};

/** Long texts are cut in emails; the full text is one click away. */
export function excerpt(text: string, max = 1500): string {
  return text.length > max ? `${text.slice(0, max).trimEnd()}…` : text;
}
