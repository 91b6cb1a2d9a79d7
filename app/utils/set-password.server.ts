import { data, redirect } from "@remix-run/node";
import { homePathFor } from "~/modules/accounts/permissions";
import { setPasswordSchema } from "~/modules/accounts/schemas";
import { findUsableToken, setPasswordWithToken } from "~/modules/accounts/sessions.server";
import { db } from "./db.server";
import { createSession } from "./auth.server";
import { AppError } from "./errors.server";
import { parseForm } from "./forms";
import { users } from "#db/schema";
import { eq } from "drizzle-orm";

/** Loader and action shared by the password-reset and invitation links. */
export async function loadSetPassword(token: string | undefined) {
  const found = token ? await findUsableToken(token) : null;
  return { valid: !!found, name: found?.name ?? null, invitation: found?.purpose === "invitation" };
}

export async function submitSetPassword(request: Request, token: string | undefined) {
  const parsed = parseForm(setPasswordSchema, await request.formData());
  if (!parsed.ok) return data({ formError: "", fieldErrors: parsed.fieldErrors }, { status: 400 });
  try {
    const { userId } = await setPasswordWithToken({ token: token ?? "", password: parsed.data.password });
    const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
    const cookie = await createSession(userId, request);
    return redirect(homePathFor(user!.role), { headers: { "Set-Cookie": cookie } });
  } catch (error) {
    if (error instanceof AppError) return data({ formError: error.message, fieldErrors: {} }, { status: 400 });
    throw error;
  }
}
