/**
 * Whether a user-supplied redirect target is safe to follow, decided the way a browser reads it.
 *
 * Browsers strip tabs and newlines from URLs, treat `\` as `/`, resolve `//host` to another site
 * and accept schemes (`javascript:`, `https:`): `/\t/evil.example` becomes `//evil.example`. So
 * the target is parsed with the same WHATWG URL parser against a placeholder origin, and only a
 * result that stays on that origin is followed — rebuilt from its parsed path, query and fragment,
 * so the Location header carries exactly what was checked.
 */
const PLACEHOLDER = "https://keydesk.invalid";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export function safeRedirect(to: unknown, fallback: string): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  // Only paths: not schemes, not hosts, not anything a browser would read differently from us.
  if (!to.startsWith("/") || CONTROL.test(to)) return fallback;
  const slashes = to.replace(/\\/g, "/");
  if (slashes.startsWith("//") || /^\/%(2f|5c)/i.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER || url.username || url.password) return fallback;
  const target = `${url.pathname}${url.search}${url.hash}`;
  // The rebuilt target must read the same way again (no second interpretation).
  if (!target.startsWith("/") || target.startsWith("//") || new URL(target, PLACEHOLDER).origin !== PLACEHOLDER) return fallback;
  return target;
}
