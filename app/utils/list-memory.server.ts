import { createCookie, redirect } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";
import { listMemoryStep, REMEMBERED_LISTS, type ListMemory } from "~/utils/list-memory";

/**
 * The filters last used on each list (ADR 191), one cookie per browser keyed by the user, like the
 * queue's kd_queue: another person signing in on the same browser starts from the defaults.
 */
const listCookie = createCookie("kd_lists", { path: "/", httpOnly: true, sameSite: "lax", maxAge: 180 * 24 * 3600 });

async function readMemory(request: Request, userId: string): Promise<ListMemory> {
  const value = (await listCookie.parse(request.headers.get("Cookie"))) as { u?: unknown; l?: unknown } | null;
  if (!value || value.u !== userId || !value.l || typeof value.l !== "object") return {};
  const memory: ListMemory = {};
  for (const [path, query] of Object.entries(value.l as Record<string, unknown>)) {
    if (Object.hasOwn(REMEMBERED_LISTS, path) && typeof query === "string") memory[path] = query;
  }
  return memory;
}

function writeMemory(userId: string, memory: ListMemory): Promise<string> {
  return listCookie.serialize({ u: userId, l: memory }, { secure: getEnv().SECURE_COOKIES });
}

/**
 * Called by the root loader on every page: throws the redirect that restores (or, on `?reset`,
 * forgets) a list's filters, or returns the Set-Cookie header that stores the filters in use.
 */
export async function applyListMemory(request: Request, userId: string | null): Promise<string | null> {
  if (!userId || request.method !== "GET") return null;
  const step = listMemoryStep(new URL(request.url), await readMemory(request, userId));
  if (step.kind === "redirect") {
    throw redirect(step.to, step.memory ? { headers: { "Set-Cookie": await writeMemory(userId, step.memory) } } : undefined);
  }
  return step.kind === "store" ? writeMemory(userId, step.memory) : null;
}
