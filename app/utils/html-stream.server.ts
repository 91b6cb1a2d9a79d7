/**
 * Renders a React document to a UTF-8 byte stream for a Response.
 *
 * Why React's Web Streams renderer (`react-dom/server.browser`) and not `renderToPipeableStream`:
 * React 18.3's Node renderer encodes text into 2 KiB buffers with `TextEncoder.encodeInto`, and
 * when a multi-byte character does not fit at the end of a buffer it sends the WHOLE buffer,
 * whose unwritten last 1–3 bytes are NUL ("Использует\0ся" at byte 4095 of the Russian product
 * list). React fixed this in 19 (facebook/react#26228) and will not release it for 18. The Web
 * Streams renderer of the same React version encodes each string whole and copies the bytes into
 * its buffers, so its output is exactly the document's UTF-8. See docs/decisions/056.
 */
import type { ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.browser";

export type RenderHtmlOptions = {
  /** Wait for every Suspense boundary before the first byte (crawlers), instead of the shell. */
  waitForAll: boolean;
  /** Abort rendering (pending boundaries fall back to client rendering) after this long. */
  abortAfterMs: number;
  /** The Content-Security-Policy nonce for React's own inline scripts. */
  nonce?: string;
  /**
   * Render errors, with whether the shell had already been rendered (an error that fails the
   * shell itself also rejects the returned promise).
   */
  onError: (error: unknown, afterShell: boolean) => void;
};

export async function renderHtmlStream(document: ReactNode, options: RenderHtmlOptions): Promise<ReadableStream<Uint8Array>> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.abortAfterMs);
  let shellRendered = false;
  let stream: Awaited<ReturnType<typeof renderToReadableStream>>;
  try {
    stream = await renderToReadableStream(document, {
      signal: abort.signal,
      nonce: options.nonce,
      // Whatever onError returns would become the error's digest: return nothing.
      onError: (error) => {
        options.onError(error, shellRendered);
      },
    });
  } catch (error) {
    clearTimeout(timer);
    throw error;
  }
  shellRendered = true;
  const done = () => clearTimeout(timer);
  stream.allReady.then(done, done);
  if (options.waitForAll) await stream.allReady;
  return stream;
}
