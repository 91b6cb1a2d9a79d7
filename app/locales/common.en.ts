/** Cross-module texts: durations, SLA promises, remedy sentences. Russian in common.ru.ts. */
export const commonEn = {
  "duration.m": "{m} min",
  "duration.h": "{h} h",
  "duration.hm": "{h} h {m} min",
  "duration.overdue": "overdue by {duration}",
  "sla.promise.noCommitment": "This is a free product: we read every report, but there is no response-time commitment.",
  "sla.promise.waiting": "We are waiting for your reply.",
  "sla.promise.answerBy": "We answer within {within} — by {by}",
  "sla.within.hours": "{hours, plural, one {# business hour} other {# business hours}}",
  "sla.within.minutes": "{minutes, plural, one {# business minute} other {# business minutes}}",
  "sla.within.mixed": "{h} h {m} min of business time",
  "remedy.extendSupport": "Support extended by {days, plural, one {# day} other {# days}}",
  "remedy.creditPrepaid": "{minutes, plural, one {# prepaid minute} other {# prepaid minutes}} credited to your balance",
  "remedy.cancelBillable": "The charge for the logged time was cancelled",
  "remedy.reassign": "Your request was handed over to another engineer",
  "form.error.alreadySent": "This form was already sent. Reload the page to send it again.",
} as const;
