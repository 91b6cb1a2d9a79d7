import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setLocale } from "~/modules/accounts/users.server";
import { getUser } from "~/modules/accounts/auth.server";
import { safeRedirect } from "~/utils/redirects";
import { isLocale } from "~/utils/i18n";
import { languageCookie } from "~/utils/locale.server";

export async function loader() {
  return redirect("/");
}

/** Switches the language; a signed-in user's choice is remembered on their profile. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const back = safeRedirect(String(form.get("redirectTo") ?? ""), "/");
  if (!isLocale(locale)) return redirect(back);
  const user = await getUser(request);
  if (user) await setLocale(user.id, locale);
  return redirect(back, { headers: { "Set-Cookie": await languageCookie.serialize(locale) } });
}
