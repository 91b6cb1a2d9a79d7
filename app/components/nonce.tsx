import { createContext, useContext } from "react";

/**
 * The Content-Security-Policy nonce of the current response (server.mjs makes one per request
 * and helmet puts it in the policy). Only the server render needs it: in the browser the
 * nonce is hidden from scripts and the inline scripts have already run, so it is "" there.
 */
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
