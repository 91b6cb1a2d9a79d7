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
