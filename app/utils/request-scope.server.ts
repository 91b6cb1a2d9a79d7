import { AsyncLocalStorage } from "node:async_hooks";

/**
 * One page view runs several loaders (root, layouts, the page), and Remix hands each its own
 * copy of the Request — but the same load context. What loaders look up once per page view
 * (the signed-in user) is keyed on that shared context: the route guard (route-guard.server.ts)
 * ties each loader's Request to it. Only for reads (GET/HEAD): loaders that run after an action
 * in the same request must see what the action changed, so they keep their own Request as key.
 */
const scopes = new WeakMap<Request, object>();

export function enterRequestScope(request: Request, context: unknown): void {
  if (context !== null && typeof context === "object" && (request.method === "GET" || request.method === "HEAD")) scopes.set(request, context);
}

/** The key that every loader of this page view shares (the Request itself outside one). */
export function requestScope(request: Request): object {
  return scopes.get(request) ?? request;
}

/**
 * Reads that several loaders of one page view make alike (the ticket row, the running timer) are
 * read once per page view. Loaders run inside the memo of their page view (the route guard enters
 * it with the shared load context as key); a read outside any loader, inside an action or in a
 * transaction is never memoised, so what a change writes is always what the next read sees.
 * Only GET and HEAD page views memoise: after an action, loaders read afresh.
 */
type Memo = Map<string, Promise<unknown>>;

const current = new AsyncLocalStorage<Memo>();
const memos = new WeakMap<object, Memo>();

export function withReadMemo<T>(request: Request, scope: unknown, run: () => T): T {
  if ((request.method !== "GET" && request.method !== "HEAD") || scope === null || typeof scope !== "object") return run();
  let memo = memos.get(scope);
  if (!memo) {
    memo = new Map();
    memos.set(scope, memo);
  }
  return current.run(memo, run);
}

/** `read()` once per page view for this key; a failed read is not kept. */
export function memoRead<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = current.getStore();
  if (!memo) return read();
  const known = memo.get(key);
  if (known) return known as Promise<T>;
  const pending = read();
  memo.set(key, pending);
  pending.catch(() => memo.delete(key));
  return pending;
}

/** What a read under another key already returned (the ticket read by number is also the ticket by id). */
export function primeRead<T>(key: string, value: T): void {
  const memo = current.getStore();
  if (memo && !memo.has(key)) memo.set(key, Promise.resolve(value));
}
