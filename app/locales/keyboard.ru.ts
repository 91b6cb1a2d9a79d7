import type { keyboardEn } from "./keyboard.en";

/** Клавиатурные сокращения рабочего места (список по `?`). */
export const keyboardRu: Record<keyof typeof keyboardEn, string> = {
  "kbd.title": "Клавиатурные сокращения",
  "kbd.close": "Закрыть",
  "kbd.rows": "Следующее / предыдущее обращение в очереди",
  "kbd.open": "Открыть выбранное обращение",
  "kbd.reply": "Написать ответ клиенту",
  "kbd.note": "Написать внутреннюю заметку",
  "kbd.assign": "Взять обращение себе",
  "kbd.status": "Выбрать статус для ответа",
  "kbd.search": "Поиск",
  "kbd.queue": "Вернуться к очереди",
  "kbd.help": "Этот список",
};
