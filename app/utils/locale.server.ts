import { createCookie } from "@remix-run/node";
import { isLocale, localeFromAcceptLanguage, type Locale } from "./i18n";

/** Visitors' language choice; signed-in users keep theirs on their profile. */
export const languageCookie = createCookie("kd_lang", { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 24 * 3600 });

export async function resolveLocale(request: Request, user: { locale: Locale } | null): Promise<Locale> {
  if (user) return user.locale;
  const fromCookie = await languageCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}
