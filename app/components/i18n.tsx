import { useRouteLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/locales/en";
import type { loader as rootLoader } from "~/root";
import { formatDate, formatDateTime, translate, type Locale } from "~/utils/i18n";
import { renderMessage, type UserMessage } from "~/utils/messages";

export function useRootData() {
  return useRouteLoaderData<typeof rootLoader>("root");
}

/** The current language, time zone and translate function, from the root loader. */
export function useI18n() {
  const data = useRootData();
  const locale: Locale = data?.locale ?? "en";
  const timeZone = data?.timeZone ?? "Europe/Moscow";
  return {
    locale,
    timeZone,
    t: (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params),
    /** A message from a use case or a form (a key, a key with parameters, or text) in the reader's language. */
    say: (message: UserMessage | string | null | undefined) => renderMessage(locale, message),
    dateTime: (value: Date | string | null | undefined) => formatDateTime(value, locale, timeZone),
    date: (value: Date | string | null | undefined) => formatDate(value, locale, timeZone),
  };
}
