/**
 * Site host names as licences see them.
 *
 * `normaliseHost` turns whatever a customer or a module sends (a URL, a bare host,
 * a host with a port) into the single form we store and compare:
 * - lower case, IDNs as punycode (WHATWG URL parsing does both);
 * - no scheme, credentials, port, path, query or trailing dot;
 * - IPv4 in dotted decimal (`127.1` → `127.0.0.1`), IPv6 without brackets;
 * - one leading `www.` removed when something with a dot remains, because
 *   `www.shop.com` and `shop.com` are the same site: switching between them must
 *   not cost the customer one of their limited moves. `www.com` stays as it is.
 */

export type HostError = "empty" | "unsupported_scheme" | "invalid";
export type NormalisedHostResult = { ok: true; host: string } | { ok: false; error: HostError };

const MAX_HOST_LENGTH = 253;
const SCHEME_PATTERN = /^[a-z][a-z0-9+.-]*:\/\//i;
const BARE_IPV6_PATTERN = /^[0-9a-f.]*:[0-9a-f.]*:[0-9a-f:.]*$/i;
const WEB_SCHEMES = new Set(["http:", "https:"]);

export function normaliseHost(input: string): NormalisedHostResult {
  const trimmed = input.trim();
  if (trimmed === "") return { ok: false, error: "empty" };
  const url = parseAsUrl(trimmed);
  if (url === null) return { ok: false, error: "invalid" };
  if (!WEB_SCHEMES.has(url.protocol)) return { ok: false, error: "unsupported_scheme" };
  const host = stripWww(stripTrailingDot(stripIpv6Brackets(url.hostname)));
  if (host === "" || host.length > MAX_HOST_LENGTH) return { ok: false, error: "invalid" };
  return { ok: true, host };
}

/**
 * Development hosts never count as activations, so customers can run as many
 * local/staging copies as they like. Expects a host from `normaliseHost`.
 *
 * Counted as development:
 * - `localhost` and `*.localhost` (RFC 6761 reserves the whole name);
 * - `*.local` (mDNS) and `*.test` (RFC 2606);
 * - `dev.*` and `staging.*` — only when what follows still contains a dot, so
 *   `dev.example.com` is development but `dev.com` (a registrable domain) is not;
 * - IPv4 loopback 127.0.0.0/8 and IPv6 loopback `::1`.
 * Private LAN addresses (10/8, 192.168/16, …) are *not* development: intranet
 * portals are real production sites.
 */
export function isDevelopmentHost(host: string): boolean {
  return (
    isLocalhostName(host) ||
    hasReservedDevelopmentSuffix(host) ||
    hasDevelopmentSubdomain(host) ||
    isLoopbackAddress(host)
  );
}

function parseAsUrl(input: string): URL | null {
  // Without a scheme, `shop.com:8080` would parse as scheme "shop.com:".
  const withScheme = SCHEME_PATTERN.test(input) ? input : `http://${bracketBareIpv6(input)}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

/** Our own output stores IPv6 without brackets, so it must parse back unchanged. */
function bracketBareIpv6(input: string): string {
  return BARE_IPV6_PATTERN.test(input) ? `[${input}]` : input;
}

function stripIpv6Brackets(hostname: string): string {
  return hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
}

function stripTrailingDot(hostname: string): string {
  return hostname.endsWith(".") ? hostname.slice(0, -1) : hostname;
}

function stripWww(hostname: string): string {
  const rest = hostname.startsWith("www.") ? hostname.slice("www.".length) : hostname;
  return rest.includes(".") ? rest : hostname;
}

function isLocalhostName(host: string): boolean {
  return host === "localhost" || host.endsWith(".localhost");
}

function hasReservedDevelopmentSuffix(host: string): boolean {
  return host.endsWith(".local") || host.endsWith(".test");
}

function hasDevelopmentSubdomain(host: string): boolean {
  const match = /^(?:dev|staging)\.(.+)$/.exec(host);
  return match !== null && match[1].includes(".");
}

function isLoopbackAddress(host: string): boolean {
  return host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
