/**
 * Lists that remember their filters (ADR 191): opened without a query, a list returns to the
 * filters and sort last used on it; `?reset=1` forgets them. Only the parameters named here are
 * remembered — never a page cursor or a one-off notice. The desk queue keeps its own memory
 * (kd_queue, with saved views) and is not listed.
 */
export const REMEMBERED_LISTS: Readonly<Record<string, readonly string[]>> = {
  "/desk/quality": ["status"],
  "/desk/quality/reviews": ["status"],
  "/desk/quality/csat": ["show"],
  "/desk/organisations": ["q"],
  "/desk/licences": ["q"],
  "/desk/orders": ["q", "status"],
  "/desk/outbox": ["to"],
  "/desk/kb": ["q", "lang", "product", "category"],
  "/admin/audit": ["from", "to", "action", "entityType", "entityId", "actor"],
  "/admin/users": ["q", "role"],
  "/portal/tickets": ["q", "status"],
  "/portal/billing": ["kind", "status"],
};

/** The longest query kept per list; anything longer is not remembered. */
export const MAX_REMEMBERED_QUERY = 600;

export function rememberedListPath(pathname: string): string | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  return Object.hasOwn(REMEMBERED_LISTS, path) ? path : null;
}

/** The part of a list's query worth remembering: its own filters, non-empty, in a stable order. */
export function filtersToRemember(path: string, params: URLSearchParams): string {
  const allowed = REMEMBERED_LISTS[path] ?? [];
  const kept = new URLSearchParams();
  for (const key of allowed) {
    for (const value of params.getAll(key)) if (value.trim() !== "") kept.append(key, value);
  }
  const query = kept.toString();
  return query.length <= MAX_REMEMBERED_QUERY ? query : "";
}

/** Whether the address names no query at all (Remix's own `index`/`_data`/`_routes` do not count). */
export function hasNoQuery(params: URLSearchParams): boolean {
  for (const key of params.keys()) if (key !== "index" && key !== "_data" && key !== "_routes") return false;
  return true;
}

export type ListMemory = Record<string, string>;

export type ListMemoryStep =
  | { kind: "none" }
  | { kind: "redirect"; to: string; memory?: ListMemory }
  | { kind: "store"; memory: ListMemory };

/**
 * What a visit to `url` does with the remembered filters `memory` (pure; the root loader applies
 * it): restore them (redirect), forget them (`reset`, redirect to the bare list), or store the
 * filters now in use.
 */
export function listMemoryStep(url: URL, memory: ListMemory): ListMemoryStep {
  const path = rememberedListPath(url.pathname);
  if (!path) return { kind: "none" };
  const params = url.searchParams;
  if (params.has("reset")) {
    const { [path]: _forgotten, ...rest } = memory;
    return { kind: "redirect", to: path, memory: rest };
  }
  if (hasNoQuery(params)) {
    const stored = memory[path];
    return stored ? { kind: "redirect", to: `${path}?${stored}` } : { kind: "none" };
  }
  // An address naming none of the list's filters (a page cursor, a notice after an action)
  // leaves the memory alone; naming one, even empty ("all"), replaces it.
  if (!(REMEMBERED_LISTS[path] ?? []).some((key) => params.has(key))) return { kind: "none" };
  const query = filtersToRemember(path, params);
  if ((memory[path] ?? "") === query) return { kind: "none" };
  const next = { ...memory };
  if (query) next[path] = query;
  else delete next[path];
  return { kind: "store", memory: next };
}
