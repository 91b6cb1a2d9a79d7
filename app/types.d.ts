import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  /** What server-process.mjs hands every request: the Content-Security-Policy nonce of the response. */
  interface AppLoadContext {
    cspNonce?: string;
  }
}
