import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { checkApiRateLimit, signedJson, validateLicenceRequest } from "~/modules/licensing/licence-api.server";
import { validateRequestSchema } from "~/modules/licensing/schemas";
import { clientAddress } from "~/modules/accounts/auth.server";

/**
 * POST /api/v1/licences/validate { key, host, version? } — for the vendor's modules. Every
 * answer (errors included) is JSON signed with Ed25519 in X-Keydesk-Signature.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return signedJson({ error: "method_not_allowed" }, { status: 405, headers: { Allow: "POST" } });
  const limit = await checkApiRateLimit(clientAddress(request));
  if (limit && !limit.allowed) {
    return signedJson(
      { error: "rate_limited", message: `Too many requests. Retry in ${limit.retryAfterSeconds} s.` },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return signedJson({ error: "invalid_request", message: "The body must be JSON.", fieldErrors: {} }, { status: 400 });
  }
  const parsed = validateRequestSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "_body"] ??= []).push(issue.message);
    return signedJson({ error: "invalid_request", message: "Check the fields.", fieldErrors }, { status: 400 });
  }
  return signedJson(await validateLicenceRequest(parsed.data));
}

export function loader(_args: LoaderFunctionArgs) {
  return signedJson({ error: "method_not_allowed", message: "POST a JSON body { key, host, version? }." }, { status: 405, headers: { Allow: "POST" } });
}
