import { redirect } from "@remix-run/node";
import type { User } from "#db/schema";
import { homePathFor } from "./permissions";
import { recordSignIn, type SignInOutcome } from "./sessions.server";
import { createSession, knownDeviceCookie, pendingSignInCookie, readCookieToken, requestContext } from "./auth.server";
import { safeRedirect } from "~/utils/redirects";

/**
 * Turns a sign-in outcome into the response: the second-factor step (a short-lived cookie),
 * or a session plus the device cookie; a session that must enrol in two-factor goes there first.
 * Shared by the sign-in form, the second-factor form and the reset/invitation links.
 */
export async function respondToSignIn(request: Request, outcome: SignInOutcome, redirectTo?: string | null): Promise<Response> {
  if (outcome.kind === "second_factor") {
    const target = redirectTo ? `/login/two-factor?redirectTo=${encodeURIComponent(redirectTo)}` : "/login/two-factor";
    return redirect(target, { headers: { "Set-Cookie": await pendingSignInCookie().serialize(outcome.pendingToken) } });
  }
  return startSignedInSession(request, outcome.user, { mustEnrolTwoFactor: outcome.mustEnrolTwoFactor, method: "password", redirectTo });
}

export async function startSignedInSession(
  request: Request,
  user: User,
  options: { mustEnrolTwoFactor: boolean; method: "password" | "two_factor"; redirectTo?: string | null },
): Promise<Response> {
  const existingDevice = await readCookieToken(knownDeviceCookie(), request);
  const { deviceToken } = await recordSignIn(user, { deviceToken: existingDevice, context: requestContext(request), method: options.method });
  const headers = new Headers();
  headers.append("Set-Cookie", await createSession(user.id, request, { mustEnrolTwoFactor: options.mustEnrolTwoFactor }));
  headers.append("Set-Cookie", await knownDeviceCookie().serialize(deviceToken));
  if (options.method === "two_factor") headers.append("Set-Cookie", await pendingSignInCookie().serialize("", { maxAge: 0 }));
  const target = options.mustEnrolTwoFactor ? "/profile/two-factor" : safeRedirect(options.redirectTo, homePathFor(user.role));
  return redirect(target, { headers });
}
