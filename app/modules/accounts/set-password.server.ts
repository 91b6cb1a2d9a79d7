import { data } from "@remix-run/node";
import { setPasswordSchema } from "./schemas";
import { findLinkToken, setPasswordWithToken } from "./sessions.server";
import { clientAddress } from "./auth.server";
import { AppError, statusOf } from "~/utils/errors.server";
import { parseForm } from "~/utils/forms";
import { respondToSignIn } from "./sign-in.server";

/** Loader and action shared by the password-reset and invitation links (throttled per address). */
export async function loadSetPassword(request: Request, token: string | undefined) {
  try {
    const found = token ? await findLinkToken(token, clientAddress(request)) : null;
    return { valid: !!found, name: found?.name ?? null, invitation: found?.purpose === "invitation" };
  } catch (error) {
    if (error instanceof AppError) throw new Response(error.message, { status: statusOf(error), headers: retryAfter(error) });
    throw error;
  }
}

function retryAfter(error: AppError): HeadersInit {
  return error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {};
}

export async function submitSetPassword(request: Request, token: string | undefined) {
  const parsed = parseForm(setPasswordSchema, await request.formData());
  if (!parsed.ok) return data({ formError: "", fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    const outcome = await setPasswordWithToken({ token: token ?? "", password: parsed.data.password, ipAddress: clientAddress(request) });
    return await respondToSignIn(request, outcome);
  } catch (error) {
    if (error instanceof AppError) return data({ formError: error.message, fieldErrors: {} }, { status: statusOf(error) === 429 ? 429 : 400, headers: retryAfter(error) });
    throw error;
  }
}
