import type { commonEn } from "./common.en";

export const commonRu: Record<keyof typeof commonEn, string> = {
  "duration.m": "{m} мин",
  "duration.h": "{h} ч",
  "duration.hm": "{h} ч {m} мин",
  "duration.overdue": "просрочено на {duration}",
  "sla.promise.noCommitment": "Это бесплатный продукт: мы прочитаем сообщение, но не обязуемся ответить в определённый срок.",
  "sla.promise.waiting": "Мы ждём вашего ответа.",
  "sla.promise.answerBy": "Мы ответим в течение {within} — до {by}",
  // "в течение …" takes the genitive: 1 рабочего часа, 4 рабочих часов, 21 рабочего часа.
  "sla.within.hours": "{hours, plural, one {# рабочего часа} few {# рабочих часов} many {# рабочих часов} other {# рабочего часа}}",
  "sla.within.minutes": "{minutes, plural, one {# рабочей минуты} few {# рабочих минут} many {# рабочих минут} other {# рабочей минуты}}",
  "sla.within.mixed": "{h} ч {m} мин рабочего времени",
  "remedy.extendSupport": "Поддержка продлена на {days, plural, one {# день} few {# дня} many {# дней} other {# дня}}",
  // Accusative after "на": 1 минуту, 2 минуты, 5 минут.
  "remedy.creditPrepaid": "Предоплаченный баланс пополнен на {minutes, plural, one {# минуту} few {# минуты} many {# минут} other {# минуты}}",
  "remedy.cancelBillable": "Оплата за учтённое время отменена",
  "remedy.reassign": "Обращение передано другому специалисту",
  "form.error.alreadySent": "Эта форма уже отправлена. Обновите страницу, чтобы отправить её ещё раз.",
};
