import { enterRequestScope, withReadMemo } from "./request-scope.server";
import { data, type ServerBuild } from "@remix-run/node";
import { ZodError } from "zod";
import { getEnv } from "./env.server";
import { AppError, statusOf, type ActionFailure } from "./errors.server";
import { cleanText, formValues } from "./forms";
import { translate, type Locale } from "./i18n";
import { resolveLocale } from "./locale.server";

/**
 * The one guard every request passes before a route's loader or action runs (server-process.mjs wraps
 * the build with `guardBuild`). It turns whole classes of bad requests into 4xx answers, so a
 * route written tomorrow is covered the day it lands:
 *
 * - a method the route does not take → 405 with `Allow` (pages take GET, HEAD and, with an
 *   action, POST; a resource route lists other methods in `export const allowedMethods`);
 * - a cross-site form post (foreign `Origin`, or `Sec-Fetch-Site: cross-site`) → 403 (a foreign
 *   `Origin` is already refused in server-app.mjs, before Remix's own check turns it into a 500);
 * - a form post that is not a form (JSON, text, no body, multipart without a boundary)
 *   → 415/400; a body that cannot be read (truncated multipart) → 400;
 * - NUL characters are dropped and lone surrogates replaced in every form value (PostgreSQL text
 *   holds neither); a text field longer than MAX_FIELD_LENGTH comes back as a field error with
 *   everything typed kept;
 * - errors a use case or the database raise for impossible input (AppError, zod, PostgreSQL data
 *   exceptions such as an invalid date or a malformed id, an invalid Date) → 4xx.
 */
export const MAX_FIELD_LENGTH = 100_000;
/** Url-encoded forms are read into memory whole; files come as multipart and stream. */
const MAX_URLENCODED_BYTES = 4 * 1024 * 1024;

type RouteModule = ServerBuild["routes"][string]["module"] & { allowedMethods?: readonly string[] };
type DataFunctionArgs = { request: Request; params: Record<string, string | undefined>; context: unknown };
type DataFunction = (args: DataFunctionArgs) => unknown;

function refuse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
}

/** PostgreSQL's "data exception" class (22xxx): a value the column cannot hold. */
function isDataException(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}

/**
 * Known kinds of failure as HTTP answers; anything else is a fault of ours and stays a 500 (and
 * is logged by Remix). Used for loaders (thrown) and actions (AppError invalid/conflict become
 * the form's failure data).
 */
export function errorAnswer(error: unknown, kind: "loader" | "action"): unknown {
  if (error instanceof Response) return error;
  if (error instanceof AppError) {
    if (kind === "action" && (error.code === "invalid" || error.code === "conflict" || error.code === "rate_limited")) return null;
    return refuse(statusOf(error), error.message, error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {});
  }
  if (error instanceof ZodError) return refuse(400, "The request is not valid.");
  if (isDataException(error)) {
    console.warn("A value reached the database unvalidated:", error instanceof Error ? error.message : error);
    return refuse(400, "The request holds a value that is not valid.");
  }
  if (error instanceof RangeError && /invalid time value|invalid date/i.test(error.message)) return refuse(400, "The request holds a date that is not valid.");
  return error;
}

function isForeignOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return request.headers.get("sec-fetch-site") === "cross-site";
  const own = new Set([new URL(request.url).origin]);
  try {
    own.add(new URL(getEnv().APP_URL).origin);
  } catch {
    // No configured address: the request's own origin is the only one.
  }
  return !own.has(origin);
}

function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

function cleanForm(form: FormData): FormData {
  const clean = new FormData();
  for (const [key, value] of form.entries()) clean.append(cleanText(key), typeof value === "string" ? cleanText(value) : value);
  return clean;
}

async function localeOf(request: Request): Promise<Locale> {
  return resolveLocale(request, null).catch(() => "en" as const);
}

/** A text field longer than the limit: the form's own failure data, everything typed kept. */
async function oversizedFields(request: Request, form: FormData): Promise<Response | ReturnType<typeof data<ActionFailure>> | null> {
  const long = [...form.entries()].filter(([, v]) => typeof v === "string" && v.length > MAX_FIELD_LENGTH).map(([k]) => k);
  if (long.length === 0) return null;
  const locale = await localeOf(request);
  const message = translate(locale, "form.tooLong", { max: MAX_FIELD_LENGTH });
  return data<ActionFailure>(
    { ok: false, formError: message, fieldErrors: Object.fromEntries(long.map((k) => [k, [message]])), values: formValues(form) },
    { status: 400 },
  );
}

/**
 * The request a page's action sees: a url-encoded body is read once, cleaned and checked; a
 * multipart body keeps streaming (uploads), and its `formData()` is cleaned and answers 400 when
 * the body cannot be read.
 */
async function guardedFormRequest(request: Request): Promise<Request | Response | ReturnType<typeof data<ActionFailure>>> {
  const type = mediaType(request);
  if (type === "application/x-www-form-urlencoded") {
    const length = Number(request.headers.get("content-length") ?? 0);
    if (length > MAX_URLENCODED_BYTES) return refuse(413, "The form is too large.");
    const text = await request.text().catch(() => null);
    if (text === null) return refuse(400, "The form could not be read.");
    if (text.length > MAX_URLENCODED_BYTES) return refuse(413, "The form is too large.");
    const form = cleanForm(formFromUrlEncoded(text));
    const oversized = await oversizedFields(request, form);
    if (oversized) return oversized;
    const headers = new Headers(request.headers);
    headers.delete("content-length");
    const body = new URLSearchParams([...form.entries()].map(([k, v]) => [k, String(v)])).toString();
    return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
  }
  if (type === "multipart/form-data") {
    if (!/boundary=/i.test(request.headers.get("content-type") ?? "")) return refuse(400, "The form could not be read.");
    const read = request.formData.bind(request);
    Object.defineProperty(request, "formData", {
      value: async () => {
        let form: FormData;
        try {
          form = await read();
        } catch {
          throw refuse(400, "The form could not be read.");
        }
        const clean = cleanForm(form);
        const oversized = await oversizedFields(request, clean);
        if (oversized) throw refuse(400, translate(await localeOf(request), "form.tooLong", { max: MAX_FIELD_LENGTH }));
        return clean;
      },
    });
    return request;
  }
  return refuse(415, "Send this form as application/x-www-form-urlencoded or multipart/form-data.");
}

function formFromUrlEncoded(text: string): FormData {
  const form = new FormData();
  for (const [key, value] of new URLSearchParams(text)) form.append(key, value);
  return form;
}

function checkUrl(request: Request): Response | null {
  const url = request.url;
  if (/%00/.test(url)) return refuse(400, "The address is not valid.");
  return null;
}

function guardLoader(loader: DataFunction): DataFunction {
  return async (args) => {
    const bad = checkUrl(args.request);
    if (bad) throw bad;
    enterRequestScope(args.request, args.context);
    try {
      return await withReadMemo(args.request, args.context, () => loader(args));
    } catch (error) {
      throw errorAnswer(error, "loader");
    }
  };
}

function guardAction(action: DataFunction | undefined, options: { machine: boolean; allow: readonly string[] }): DataFunction {
  const allowHeader = options.allow.join(", ");
  return async (args) => {
    const { request } = args;
    if (!options.allow.includes(request.method.toUpperCase()) || !action) throw refuse(405, "This address does not take that method.", { Allow: allowHeader });
    const bad = checkUrl(request);
    if (bad) throw bad;
    if (!options.machine && isForeignOrigin(request)) throw refuse(403, "Forms can only be sent from this site.");
    let guarded = request;
    if (!options.machine) {
      const outcome = await guardedFormRequest(request);
      if (!(outcome instanceof Request)) {
        if (outcome instanceof Response) throw outcome;
        return outcome;
      }
      guarded = outcome;
    }
    try {
      return await action({ ...args, request: guarded });
    } catch (error) {
      const answer = errorAnswer(error, "action");
      if (answer === null && error instanceof AppError) {
        return data<ActionFailure>({ ok: false, formError: error.userMessage, fieldErrors: error.fieldErrors ?? {} }, { status: statusOf(error) });
      }
      throw answer;
    }
  };
}

/** Forwards the `Allow` and `Retry-After` of a thrown answer to the rendered error page. */
function withErrorHeaders(headers: RouteModule["headers"]): NonNullable<RouteModule["headers"]> {
  return (args) => {
    const own = new Headers(typeof headers === "function" ? headers(args) : (headers ?? args.parentHeaders));
    for (const name of ["Allow", "Retry-After"]) {
      const value = args.errorHeaders?.get(name);
      if (value) own.set(name, value);
    }
    return own;
  };
}

function guardModule(id: string, module: RouteModule): RouteModule {
  const page = typeof module.default === "function";
  // Machine callers (the licence API, payment webhooks) are not browsers posting forms; every
  // other action is a form post from one of our pages.
  const machine = /^routes\/(api\.|webhooks\.)/.test(id);
  const allow = module.allowedMethods ?? (module.action ? ["GET", "HEAD", "POST"] : ["GET", "HEAD"]);
  return {
    ...module,
    ...(module.loader ? { loader: guardLoader(module.loader as DataFunction) as RouteModule["loader"] } : {}),
    action: guardAction(module.action as DataFunction | undefined, { machine, allow }) as RouteModule["action"],
    ...(page ? { headers: withErrorHeaders(module.headers) } : {}),
  };
}

/** The build with every route's loader and action behind the guard. */
export function guardBuild(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) routes[id] = { ...route, module: guardModule(id, route.module as RouteModule) };
  return { ...build, routes };
}
