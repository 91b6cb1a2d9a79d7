import type { panelEn } from "./panel.en";

/** Панель клиента рядом с обращением. */
export const panelRu: Record<keyof typeof panelEn, string> = {
  "panel.plan": "План поддержки",
  "panel.planUntil": "до {date}",
  "panel.freeToday": "Бесплатных минут на сегодня",
  "panel.prepaid": "Остаток предоплаты",
  "panel.licences": "Лицензии",
  "panel.renewal": "продление {price}",
  "panel.openTickets": "Другие открытые обращения",
  "panel.due": "срок {at}",
  "panel.csat": "Последние оценки",
  "panel.csatScores": "{average} из 5 (скорость {reach}, понимание {understand}, ответ {quality}, комфорт {comfort})",
  "panel.complaints": "Открытые жалобы",
  "panel.contacts": "Контакты",
  "panel.primary": "основной контакт",
  "panel.deactivated": "отключён",
  "panel.none": "Нет.",
  "panel.more": "Все…",
};
