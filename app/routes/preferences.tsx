import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { safeRedirect } from "~/utils/redirects";
import { isDensity, isTheme, readUiPreferences, uiCookie } from "~/utils/ui-preferences.server";

export async function loader() {
  return redirect("/");
}

/** Colour scheme, sidebar state and table density for this browser; anything unknown is ignored (never a 5xx). */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const back = safeRedirect(String(form.get("redirectTo") ?? ""), "/");
  const prefs = await readUiPreferences(request);
  const theme = form.get("theme");
  if (isTheme(theme)) prefs.theme = theme;
  const sidebar = form.get("sidebar");
  if (sidebar === "collapsed" || sidebar === "expanded") prefs.sidebar = sidebar;
  const density = form.get("density");
  if (isDensity(density)) prefs.density = density;
  return redirect(back, { headers: { "Set-Cookie": await uiCookie.serialize(prefs) } });
}
