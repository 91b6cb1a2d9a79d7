import { PassThrough } from "node:stream";
import { Suspense } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderHtmlStream } from "./html-stream.server";

/**
 * A document whose multi-byte text (2-byte Cyrillic, 3-byte dashes, 4-byte emoji) lands on
 * every alignment to React's 2 KiB write buffers: `shift` ASCII bytes move all of it along.
 */
function Document({ shift }: { shift: number }) {
  return (
    <html lang="ru">
      <body>
        <p>{"x".repeat(shift)}</p>
        <ul>
          {Array.from({ length: 120 }, (_, i) => (
            <li key={i}>Используется в {i} заявках — «ёж» 🦔</li>
          ))}
        </ul>
      </body>
    </html>
  );
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("renderHtmlStream", () => {
  it.each(Array.from({ length: 8 }, (_, shift) => shift))("sends exact UTF-8 with no NUL byte (shift %i)", async (shift) => {
    const bytes = await bytesOf(await renderHtmlStream(<Document shift={shift} />, { waitForAll: true, abortAfterMs: 5_000, onError: () => {} }));
    expect(bytes.length).toBeGreaterThan(4 * 2048);
    expect(bytes.indexOf(0)).toBe(-1);
    // Same markup as the non-streaming renderer, character for character.
    expect(strictUtf8.decode(bytes)).toBe(`<!DOCTYPE html>${renderToString(<Document shift={shift} />)}`);
  });

  it("streams a suspended part after the shell and reports a failing part as an error after the shell", async () => {
    const errors: Array<[string, boolean]> = [];
    let text: string | null = null;
    let ready: () => void = () => {};
    const pending = new Promise<void>((resolve) => (ready = resolve));
    // React 18 suspends on a thrown promise.
    const Later = () => {
      if (text === null) throw pending;
      return <p>{text}</p>;
    };
    const Failing = () => {
      throw new Error("part failed");
    };
    const stream = await renderHtmlStream(
      <html>
        <body>
          <Suspense fallback={<p>…</p>}>
            <Later />
          </Suspense>
          <Suspense fallback={<p>…</p>}>
            <Failing />
          </Suspense>
        </body>
      </html>,
      { waitForAll: false, abortAfterMs: 5_000, onError: (error, afterShell) => errors.push([(error as Error).message, afterShell]) },
    );
    text = "Готово — ответ пришёл";
    ready();
    const html = strictUtf8.decode(await bytesOf(stream));
    expect(html).toContain("Готово — ответ пришёл");
    expect(errors).toEqual([["part failed", false]]);
  });

  it("rejects when the shell itself fails", async () => {
    const Broken = () => {
      throw new Error("shell failed");
    };
    await expect(renderHtmlStream(<Broken />, { waitForAll: false, abortAfterMs: 5_000, onError: () => {} })).rejects.toThrow("shell failed");
  });
});

// The cause, kept as a check: React 18's Node renderer pads buffers with NUL. When this fails,
// React has been upgraded to a version with the fix (19+), and renderToPipeableStream is fine again.
describe("React 18 renderToPipeableStream (the cause)", () => {
  it("sends NUL bytes where a multi-byte character meets a 2 KiB buffer edge", async () => {
    let nulBytes = 0;
    for (let shift = 0; shift < 8; shift++) {
      const bytes = await new Promise<Buffer>((done, fail) => {
        const chunks: Buffer[] = [];
        const sink = new PassThrough();
        sink.on("data", (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
        sink.on("end", () => done(Buffer.concat(chunks)));
        const { pipe } = renderToPipeableStream(<Document shift={shift} />, { onAllReady: () => pipe(sink), onShellError: fail });
      });
      nulBytes += bytes.filter((byte) => byte === 0).length;
    }
    expect(nulBytes).toBeGreaterThan(0);
  });
});
