import { IANAZone } from "luxon";
import { formatDate } from "~/utils/i18n";
import type { EligibilityCode, EligibilityMessage, EligibilityParams } from "./eligibility";
import { formatMoney, type RenewalQuote } from "./renewal-pricing";

/**
 * English and Russian texts for eligibility results. The gate returns codes and
 * raw params; formatting dates and money happens here, per locale, so a
 * Russian customer sees "1 июня 2025 г." and "12 345,50 ₽".
 */

export type MessageLocale = "en" | "ru";

export type MessageFormatters = {
  date: (date: Date) => string;
  money: (quote: Pick<RenewalQuote, "amountMinor" | "currency">) => string;
};

export type EligibilityMessageTable = {
  [C in EligibilityCode]: (params: EligibilityParams[C], format: MessageFormatters) => string;
};

export const ELIGIBILITY_MESSAGES_EN: EligibilityMessageTable = {
  SUPPORTED: ({ supportUntil }, f) => `Your licence includes updates and support until ${f.date(supportUntil)}.`,
  BILLING_ALWAYS_ALLOWED: () =>
    "Billing and licensing questions are always welcome, whatever the state of your licence.",
  FREE_BUG_REPORT_ACCEPTED: () =>
    "Thank you for the report. This product is free, so we accept bug reports but cannot promise a response time.",
  FREE_PRODUCT_BUG_REPORTS_ONLY: () =>
    "This product is free, so we accept bug reports only. Questions and paid services are not available for it.",
  NOT_ACTIVATED: () =>
    "This licence has not been activated yet. Activate it on your site to start your year of updates and support.",
  PLATFORM_LICENCE_REQUIRED: ({ platform, expiredOn }, f) =>
    [
      `Support for this product requires an active ${platform} licence on your site.`,
      expiredOn
        ? `Your ${platform} licence expired on ${f.date(expiredOn)}.`
        : `We could not confirm that your ${platform} licence is active.`,
      "Please renew or update it, then contact us again.",
    ].join(" "),
  SUPPORT_EXPIRED: ({ endedOn, renewalPrice }, f) =>
    `Support for this licence ended on ${f.date(endedOn)}. The software keeps working, but new updates ` +
    `and support need a renewal: one more year costs ${f.money(renewalPrice)}.`,
  SOURCE_MODIFIED: () =>
    "The product's source code on your site has been modified, so we cannot support it. " +
    "Restore the original code and request a source check; support resumes once we clear the flag.",
  SUSPENDED: () =>
    "This licence is suspended while a payment dispute is open. Please contact billing to resolve it.",
  REVOKED: () =>
    "This licence has been revoked, so support is not available. Please contact billing if you think this is a mistake.",
};

/** Russian dates end in "г.", so a sentence ending in a date must not add a second dot. */
const sentence = (text: string) => (text.endsWith(".") ? text : `${text}.`);

export const ELIGIBILITY_MESSAGES_RU: EligibilityMessageTable = {
  SUPPORTED: ({ supportUntil }, f) =>
    sentence(`Лицензия включает обновления и техническую поддержку до ${f.date(supportUntil)}`),
  BILLING_ALWAYS_ALLOWED: () =>
    "Вопросы об оплате и лицензировании принимаются всегда, независимо от состояния лицензии.",
  FREE_BUG_REPORT_ACCEPTED: () =>
    "Спасибо за сообщение. Это бесплатный продукт: мы принимаем сообщения об ошибках, но не гарантируем срок ответа.",
  FREE_PRODUCT_BUG_REPORTS_ONLY: () =>
    "Это бесплатный продукт, поэтому по нему принимаются только сообщения об ошибках. Вопросы и платные услуги недоступны.",
  NOT_ACTIVATED: () =>
    "Лицензия ещё не активирована. Активируйте её на своём сайте — с этого момента начнётся год обновлений и поддержки.",
  PLATFORM_LICENCE_REQUIRED: ({ platform, expiredOn }, f) =>
    [
      `Для поддержки этого продукта на сайте нужна действующая лицензия ${platform}.`,
      expiredOn
        ? sentence(`Срок действия вашей лицензии ${platform} истёк ${f.date(expiredOn)}`)
        : `Нам не удалось подтвердить, что ваша лицензия ${platform} действует.`,
      "Продлите или обновите её и обратитесь к нам снова.",
    ].join(" "),
  SUPPORT_EXPIRED: ({ endedOn, renewalPrice }, f) =>
    `${sentence(`Техническая поддержка по этой лицензии закончилась ${f.date(endedOn)}`)} Программа продолжает работать, ` +
    `но для новых обновлений и поддержки нужно продление: ещё один год стоит ${f.money(renewalPrice)}.`,
  SOURCE_MODIFIED: () =>
    "Исходный код продукта на вашем сайте изменён, поэтому мы не можем оказывать по нему поддержку. " +
    "Восстановите исходный код и запросите проверку — поддержка возобновится, когда мы снимем отметку.",
  SUSPENDED: () =>
    "Лицензия приостановлена на время рассмотрения платёжного спора. Обратитесь в отдел оплаты, чтобы решить вопрос.",
  REVOKED: () =>
    "Лицензия отозвана, поэтому поддержка недоступна. Если вы считаете это ошибкой, обратитесь в отдел оплаты.",
};

export const ELIGIBILITY_MESSAGES: Readonly<Record<MessageLocale, EligibilityMessageTable>> = {
  en: ELIGIBILITY_MESSAGES_EN,
  ru: ELIGIBILITY_MESSAGES_RU,
};

/** Dates are shown in the reader's time zone (users have one); UTC if unknown. */
export function renderEligibilityMessage(message: EligibilityMessage, locale: MessageLocale, timeZone = "UTC"): string {
  const template = ELIGIBILITY_MESSAGES[locale][message.code] as (
    params: EligibilityMessage["params"],
    format: MessageFormatters,
  ) => string;
  return template(message.params, formattersFor(locale, timeZone));
}

export function formattersFor(locale: MessageLocale, timeZone: string): MessageFormatters {
  // Luxon would otherwise print "Invalid DateTime" into a customer-facing message.
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return {
    // The one date style per language of the whole interface ("3 Oct 2027" / "3 окт. 2027 г.").
    date: (date) => formatDate(date, locale, timeZone),
    money: ({ amountMinor, currency }) => formatMoney(amountMinor, currency, locale),
  };
}
