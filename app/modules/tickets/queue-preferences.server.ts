import { createCookie } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";

/**
 * The engineer's last queue filters, remembered in a cookie per browser and keyed by user id
 * (another person signing in on the same browser starts from the defaults). See ADR 021.
 */
const queueCookie = createCookie("kd_queue", { path: "/desk", httpOnly: true, sameSite: "lax", maxAge: 180 * 24 * 3600 });

export async function rememberedQueueParams(request: Request, userId: string): Promise<string | null> {
  const value = (await queueCookie.parse(request.headers.get("Cookie"))) as { u?: string; p?: string } | null;
  return value?.u === userId && typeof value.p === "string" ? value.p : null;
}

export function rememberQueueParams(userId: string, params: string): Promise<string> {
  return queueCookie.serialize({ u: userId, p: params }, { secure: getEnv().SECURE_COOKIES });
}

export function forgetQueueParams(): Promise<string> {
  return queueCookie.serialize("", { maxAge: 0, secure: getEnv().SECURE_COOKIES });
}
