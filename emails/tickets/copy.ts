import type { EmailLocale } from "../_components/layout";

export type TicketStatusCode = "new" | "open" | "pending" | "on_hold" | "solved" | "closed";

/** Status names as customers read them in emails (the app's own labels live in app/locales). */
export const STATUS_LABELS: Record<EmailLocale, Record<TicketStatusCode, string>> = {
  en: {
    new: "New",
    open: "Open",
    pending: "Waiting for your reply",
    on_hold: "On hold (waiting for a third party)",
    solved: "Solved",
    closed: "Closed",
  },
  ru: {
    new: "Новое",
    open: "В работе",
    pending: "Ждём вашего ответа",
    on_hold: "Отложено (ждём третью сторону)",
    solved: "Решено",
    closed: "Закрыто",
  },
};

export const CLOCK_LABELS: Record<EmailLocale, Record<"first_response" | "next_response" | "resolution", string>> = {
  en: { first_response: "first response", next_response: "next response", resolution: "resolution" },
  ru: { first_response: "первый ответ", next_response: "следующий ответ", resolution: "решение" },
};

/** Long messages are cut in emails; the full text is one click away. */
export function excerpt(text: string, max = 1500): string {
  return text.length > max ? `${text.slice(0, max).trimEnd()}…` : text;
}
