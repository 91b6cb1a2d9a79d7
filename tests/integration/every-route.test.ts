import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertFreshBuild, assertPortFree, startAppServer, waitUntil, type AppServer } from "../setup/app-server";

/**
 * Every route file, every method, bad bodies and bad values, as each role: no answer is a 5xx.
 *
 * The real server runs on a fresh embedded database with the demo data. For each role the test
 * crawls the pages it can reach (collecting real addresses and the forms on them), adds an
 * address for every route file that the crawl did not reach (params filled with real-looking and
 * junk values), then sends each address: GET with junk query values, PUT/PATCH/DELETE/OPTIONS,
 * POST with JSON, text, an empty body, truncated multipart, a foreign Origin, and every form
 * found on the page with its fields set to impossible values. A route added tomorrow is covered
 * by the route-file walk the day it lands.
 *
 * The default run samples (one address per route and role); KEYDESK_FUZZ_FULL=1 sends every
 * crawled address with every variant.
 */
const PORT = Number(process.env.FUZZ_TEST_PORT ?? 3207);
const FULL = process.env.KEYDESK_FUZZ_FULL === "1";
const PASSWORD = "keydesk-demo-2026";
const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");
// The walk drives its own server on its own embedded database, whatever this run's driver, so it
// runs once: in the PostgreSQL project when there is one (the PGlite project is the longer of
// the two, and they run side by side), else in the PGlite project.
const runsHere = process.env.TEST_DATABASE_URL ? process.env.KEYDESK_TEST_DRIVER === "postgres" : true;

const ROLES = {
  anonymous: null,
  customer: "anna@romashka.test",
  engineer: "engineer@keydesk.test",
  admin: "admin@keydesk.test",
} as const;
type Role = keyof typeof ROLES;

/** Forms whose normal effect ends the session or locks the account: sent last, once, per role. */
const SESSION_ENDING = /^\/(logout|profile\/(sessions|password|two-factor))/;

const OFF_SITE = ["/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/%2F%2Fevil.example", "javascript:alert(1)"];
const BAD_TEXT = ["a\u0000b", "\uD800x", "' OR 1=1 --", "<script>alert(1)</script>", "\u202Eevil"];
const BAD_VALUES: Record<string, string[]> = {
  date: ["2026-02-30", "99999-01-01", "0000-00-00", "yesterday"],
  number: ["-1", "1e308", "NaN", "99999999999999999999", "0.0000001"],
  id: ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "1; drop table users"],
  text: BAD_TEXT,
};

type Form = { action: string; method: string; enctype: string; fields: Array<{ name: string; type: string; value: string }> };
type Target = { url: string; forms: Form[] };

/** The URL pattern of a flat route file: `desk.tickets.$number.tsx` → `/desk/tickets/:number`. */
export function routePattern(file: string): string {
  const base = file.replace(/\.(tsx|ts)$/, "");
  const segments = base
    .replace(/\[\.([a-z]+)\]/g, "~$1") // [.csv] is a literal dot
    .split(".")
    .map((s) => s.replace(/~/g, "."))
    .filter((s) => s !== "_index" && !/^_[a-z]/.test(s)) // pathless layouts
    .map((s) => s.replace(/_$/, ""));
  const path = segments.map((s) => (s === "$" ? "*" : s.startsWith("$") ? `:${s.slice(1)}` : s)).join("/");
  return `/${path === "_index" ? "" : path}`.replace(/\/$/, "") || "/";
}

function patternRegex(pattern: string): RegExp {
  const body = pattern
    .split("/")
    .map((s) => (s === "*" ? ".*" : s.startsWith(":") ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${body}$`);
}

function fillPattern(pattern: string, value: string): string {
  return pattern
    .split("/")
    .map((s) => (s === "*" ? `nowhere/${value}` : s.startsWith(":") ? encodeURIComponent(value) : s))
    .join("/");
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attr(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return match ? decodeEntities(match[1]!) : null;
}

/** Forms and links of a page, read the way a crawler reads HTML (no script). */
export function readPage(html: string, pageUrl: string): { links: string[]; forms: Form[] } {
  const links = [...html.matchAll(/<a\s[^>]*href="([^"]+)"/gi)].map((m) => decodeEntities(m[1]!));
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const tag = match[1]!;
    const inner = match[2]!;
    const method = (attr(tag, "method") ?? "get").toLowerCase();
    if (method !== "post") continue;
    const fields: Form["fields"] = [];
    for (const input of inner.matchAll(/<(input|textarea|select)\b([^>]*)>/gi)) {
      const name = attr(input[2]!, "name");
      if (!name) continue;
      const type = input[1]!.toLowerCase() === "input" ? (attr(input[2]!, "type") ?? "text").toLowerCase() : input[1]!.toLowerCase();
      if (type === "submit" || type === "button") {
        fields.push({ name, type: "hidden", value: attr(input[2]!, "value") ?? "" });
        continue;
      }
      fields.push({ name, type, value: attr(input[2]!, "value") ?? "" });
    }
    for (const button of inner.matchAll(/<button\b([^>]*)>/gi)) {
      const name = attr(button[1]!, "name");
      if (name) fields.push({ name, type: "hidden", value: attr(button[1]!, "value") ?? "" });
    }
    const action = attr(tag, "action");
    forms.push({ action: action ? new URL(action, pageUrl).pathname + new URL(action, pageUrl).search : new URL(pageUrl).pathname + new URL(pageUrl).search, method, enctype: attr(tag, "enctype") ?? "application/x-www-form-urlencoded", fields });
  }
  return { links, forms };
}

function badValueFor(field: { name: string; type: string; value: string }, variant: number): string {
  const name = field.name.toLowerCase();
  if (field.type === "hidden" && /intent|_action|locale|redirectto/.test(name)) return variant === 2 ? "bogus" : field.value;
  if (field.type === "hidden" && variant === 0) return field.value;
  const pool =
    field.type === "date" || /date|from$|^to$|until|at$|month/.test(name)
      ? BAD_VALUES.date!
      : field.type === "number" || /amount|minutes|hours|price|count|percent|rate|days|sites/.test(name)
        ? BAD_VALUES.number!
        : /id$|^id|key$/.test(name)
          ? BAD_VALUES.id!
          : BAD_VALUES.text!;
  return pool[(variant + name.length) % pool.length]!;
}

type Outcome = { role: Role; method: string; url: string; what: string; status: number; allow?: string | null; location?: string | null };

describe.skipIf(!runsHere)("every route answers bad requests with a 4xx, never a 5xx", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "keydesk-fuzz-"));
  let server: AppServer;
  const base = `http://127.0.0.1:${PORT}`;
  const outcomes: Outcome[] = [];

  beforeAll(async () => {
    assertFreshBuild();
    await assertPortFree(PORT);
    server = startAppServer(PORT, { DATA_DIR: dataDir, DATABASE_URL: "", APP_URL: base, RUN_JOBS: "false", RESEND_API_KEY: "" });
    await waitUntil("the server is ready", async () => (await fetch(`${base}/readyz`)).status === 200, server, 1200);
  }, 330_000);

  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(email: string): Promise<string> {
    const response = await fetch(`${base}/login`, {
      method: "POST",
      body: new URLSearchParams({ email, password: PASSWORD }),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: base },
      redirect: "manual",
    });
    const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    expect(cookie, `signing in as ${email}`).not.toBe("");
    return cookie;
  }

  async function send(role: Role, cookie: string, method: string, url: string, what: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Response> {
    const request = () =>
      fetch(`${base}${url}`, {
        method,
        body: init.body,
        headers: { ...(cookie ? { cookie } : {}), origin: base, ...init.headers },
        redirect: "manual",
      });
    // A kept-alive connection that the server closed just as it was reused resets: that is the
    // transport, not an answer; the request goes again once on a new connection. A server that
    // died would fail the retry, and the end of the test checks the process is still running.
    const response = await request().catch((error: unknown) => {
      if ((error as { cause?: { code?: string } }).cause?.code !== "ECONNRESET") throw error;
      return request();
    });
    outcomes.push({ role, method, url, what, status: response.status, allow: response.headers.get("allow"), location: response.headers.get("location") });
    await response.arrayBuffer().catch(() => undefined);
    return response;
  }

  async function crawl(cookie: string, start: string[], patterns: Array<{ pattern: string; re: RegExp }>): Promise<Target[]> {
    const seen = new Set<string>();
    const perPattern = new Map<string, number>();
    const queue = [...start];
    const targets: Target[] = [];
    while (queue.length > 0 && targets.length < (FULL ? 400 : 120)) {
      const url = queue.shift()!;
      const key = url.split("?")[0]!;
      if (seen.has(url)) continue;
      seen.add(url);
      const pattern = patterns.find((p) => p.re.test(key))?.pattern ?? "?";
      const count = perPattern.get(pattern) ?? 0;
      if (count >= (FULL ? 6 : 1)) continue;
      perPattern.set(pattern, count + 1);
      const response = await fetch(`${base}${url}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
      const type = response.headers.get("content-type") ?? "";
      const html = type.includes("text/html") && response.status === 200 ? await response.text() : (await response.arrayBuffer(), "");
      const page = readPage(html, `${base}${url}`);
      targets.push({ url, forms: page.forms });
      for (const link of page.links) {
        let next: URL;
        try {
          next = new URL(link, `${base}${url}`);
        } catch {
          continue;
        }
        if (next.origin !== base || /^\/(logout|assets)/.test(next.pathname) || /\.(css|js|png|svg|ico|pdf|zip)$/.test(next.pathname)) continue;
        queue.push(next.pathname + next.search);
      }
    }
    return targets;
  }

  it("walks every route file with every method and bad bodies as each role", { timeout: FULL ? 3_600_000 : 900_000 }, async () => {
    const files = readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f) && !f.includes(".test."));
    const patterns = files.map((f) => routePattern(f)).filter((p, i, all) => all.indexOf(p) === i);
    const compiled = patterns.map((pattern) => ({ pattern, re: patternRegex(pattern) })).sort((a, b) => a.pattern.split(":").length - b.pattern.split(":").length);

    for (const [role, email] of Object.entries(ROLES) as Array<[Role, string | null]>) {
      let cookie = email ? await signIn(email) : "";
      const home = role === "customer" ? "/portal" : role === "anonymous" ? "/" : role === "admin" ? "/admin" : "/desk";
      const targets = await crawl(cookie, [home, "/profile", "/products"], compiled);
      const reached = new Set(targets.map((t) => compiled.find((p) => p.re.test(t.url.split("?")[0]!))?.pattern));
      // Routes the crawl did not reach: real-looking and junk parameters.
      for (const { pattern } of compiled) {
        if (reached.has(pattern)) continue;
        for (const value of ["00000000-0000-0000-0000-000000000000", "not-a-uuid", "99999999999"]) targets.push({ url: fillPattern(pattern, value), forms: [] });
      }
      targets.sort((a, b) => Number(SESSION_ENDING.test(a.url)) - Number(SESSION_ENDING.test(b.url)));

      // Addresses no crawler produces: broken percent-encoding, machine APIs fed junk.
      for (const url of ["/desk/tickets/%E0%A4%A", "/%ZZ", "/portal/tickets/%F0%9F", "/products/%C0%AF", "/desk/reports/%2e%2e%2fadmin/csv"]) await send(role, cookie, "GET", url, "broken address");
      for (const body of ['{"key":', '{"key":"\\ud800","host":"\\u0000"}', '{"key":1,"host":[]}', "[]", "null", JSON.stringify({ key: "x".repeat(1024 * 1024) })]) {
        await send(role, cookie, "POST", "/api/v1/licences/validate", "API junk", { body, headers: { "content-type": "application/json" } });
      }
      await send(role, cookie, "POST", "/webhooks/stripe", "unsigned webhook", { body: "{}", headers: { "content-type": "application/json" } });
      for (const target of OFF_SITE) {
        await send(role, cookie, "POST", "/set-language", "off-site redirect", { body: new URLSearchParams({ locale: "en", redirectTo: target }).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
        await send(role, cookie, "GET", `/login?redirectTo=${encodeURIComponent(target)}`, "off-site redirect");
      }
      if (email) {
        const response = await send(role, "", "POST", "/login", "off-site redirect", { body: new URLSearchParams({ email, password: PASSWORD, redirectTo: OFF_SITE[0]! }).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
        expect(response.headers.get("location")).toMatch(/^\/(desk|portal|admin)/);
      }

      for (const target of targets) {
        const { url } = target;
        const sep = url.includes("?") ? "&" : "?";
        await send(role, cookie, "GET", `${url}${sep}from=2026-02-30&to=99999-01-01&month=2026-13&page=-1&cursor=%FF%FE&status=bogus&period=custom&product=x&organisation=x&engineer=x&sort=%ED%A0%80&table=x&q=%E0%A4%A&format=csv`, "junk query");
        for (const method of ["PUT", "PATCH", "DELETE", "OPTIONS"]) {
          await send(role, cookie, method, url, "unsupported method", { body: method === "OPTIONS" ? undefined : "a=1", headers: { "content-type": "application/x-www-form-urlencoded" } });
        }
        await send(role, cookie, "POST", url, "JSON body", { body: '{"intent":"x","a":', headers: { "content-type": "application/json" } });
        await send(role, cookie, "POST", url, "text body", { body: "intent=x", headers: { "content-type": "text/plain" } });
        await send(role, cookie, "POST", url, "empty body");
        await send(role, cookie, "POST", url, "truncated multipart", { body: '--XX\r\nContent-Disposition: form-data; name="intent"\r\n\r\nreply\r\n--XX\r\nContent-Disposition: form-da', headers: { "content-type": "multipart/form-data; boundary=XX" } });
        await send(role, cookie, "POST", url, "multipart without boundary", { body: "x", headers: { "content-type": "multipart/form-data" } });
        await send(role, cookie, "POST", url, "foreign origin", { body: "intent=x", headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://evil.example" } });

        for (const form of target.forms.slice(0, FULL ? 20 : 6)) {
          for (const variant of FULL ? [0, 1, 2] : [0, 1]) {
            const values = form.fields.map((f) => [f.name, f.type === "file" ? "" : badValueFor(f, variant)] as const);
            if (form.enctype.includes("multipart")) {
              const body = new FormData();
              for (const [name, value] of values) body.append(name, value);
              // A multipart form where url-encoded is expected, and the reverse, below.
              await send(role, cookie, "POST", form.action, `form ${variant} (multipart)`, { body });
              await send(role, cookie, "POST", form.action, `form ${variant} (as url-encoded)`, { body: new URLSearchParams(values.map(([n, v]) => [n, v])).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
            } else {
              await send(role, cookie, "POST", form.action, `form ${variant}`, { body: new URLSearchParams(values.map(([n, v]) => [n, v])).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
              if (variant === 0) {
                const body = new FormData();
                for (const [name, value] of values) body.append(name, value);
                await send(role, cookie, "POST", form.action, "form (as multipart)", { body });
              }
            }
          }
          if (variant1MB(form)) {
            const values = form.fields.map((f) => [f.name, f.type === "textarea" || f.type === "text" ? "x".repeat(1024 * 1024) : f.value] as const);
            await send(role, cookie, "POST", form.action, "form (1 MB field)", { body: new URLSearchParams(values.map(([n, v]) => [n, v])).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
          }
        }
        // A form may have ended the session (sign out, end sessions): sign in again.
        if (email && SESSION_ENDING.test(url)) cookie = await signIn(email);
      }
    }

    expect(server.process.exitCode, "the server kept running through the walk").toBeNull();
    const serverErrors = outcomes.filter((o) => o.status >= 500);
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, [...serverErrors.map((o) => `${o.status} ${o.role} ${o.method} ${o.url} (${o.what})`), server.output()].join("\n"));
    // One line per kind of failure (status, method, what was sent) with the roles and a few addresses.
    const kinds = new Map<string, { roles: Set<string>; urls: Set<string> }>();
    for (const o of serverErrors) {
      const kind = kinds.get(`${o.status} ${o.method} (${o.what})`) ?? { roles: new Set(), urls: new Set() };
      kind.roles.add(o.role);
      kind.urls.add(o.url.split("?")[0]!);
      kinds.set(`${o.status} ${o.method} (${o.what})`, kind);
    }
    const summary = [...kinds].map(([kind, { roles, urls }]) => `${kind} as ${[...roles].join("/")}: ${urls.size} addresses, e.g. ${[...urls].slice(0, 6).join(" ")}`);
    expect(summary, `${serverErrors.length} of ${outcomes.length} requests answered 5xx`).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(files.length * 4);

    // Cross-site form posts are refused; unsupported methods say which ones are allowed.
    const foreign = outcomes.filter((o) => o.what === "foreign origin" && !o.url.startsWith("/api/") && !o.url.startsWith("/webhooks/"));
    expect(foreign.filter((o) => o.status !== 403).map((o) => `${o.status} ${o.role} ${o.url}`)).toEqual([]);
    const methods = outcomes.filter((o) => o.what === "unsupported method" && o.status === 405);
    expect(methods.length).toBeGreaterThan(0);
    expect(methods.filter((o) => !o.allow).map((o) => `${o.method} ${o.url}`)).toEqual([]);
    // Every redirect, whatever was asked, stays on this site.
    const offSite = outcomes.filter((o) => o.location && new URL(o.location, base).origin !== base);
    expect(offSite.map((o) => `${o.method} ${o.url} → ${o.location}`)).toEqual([]);
    const options = outcomes.filter((o) => o.method === "OPTIONS");
    expect(options.filter((o) => o.status !== 204 || !o.allow).map((o) => `${o.status} ${o.url}`)).toEqual([]);
  });
});

function variant1MB(form: Form): boolean {
  return form.fields.some((f) => f.type === "textarea");
}
