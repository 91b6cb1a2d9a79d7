import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { getEnv } from "./env.server";

/**
 * Uploaded files (release packages, ticket attachments) live under the data folder, named by
 * a random id; the database keeps the original name, type, size and checksum.
 */
function filesRoot(): string {
  return path.join(getEnv().DATA_DIR, "files");
}

export async function storeFile(area: string, bytes: Uint8Array): Promise<{ storagePath: string; sha256: string; size: number }> {
  const storagePath = path.posix.join(area, new Date().toISOString().slice(0, 7), randomUUID());
  const absolute = path.join(filesRoot(), storagePath);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, bytes);
  return { storagePath, sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength };
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB`);
  }
}

/**
 * Like `storeFile`, but streams the bytes to disk (large uploads never sit in memory). Throws
 * `FileTooLargeError` and removes the partial file once more than `maxBytes` arrive.
 */
export async function storeFileStream(
  area: string,
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<{ storagePath: string; sha256: string; size: number }> {
  const storagePath = path.posix.join(area, new Date().toISOString().slice(0, 7), randomUUID());
  const absolute = path.join(filesRoot(), storagePath);
  await mkdir(path.dirname(absolute), { recursive: true });
  const hash = createHash("sha256");
  const out = createWriteStream(absolute);
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      if (size > maxBytes) throw new FileTooLargeError(maxBytes);
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  } catch (error) {
    out.destroy();
    await rm(absolute, { force: true });
    throw error;
  }
  return { storagePath, sha256: hash.digest("hex"), size };
}

export async function deleteStoredFile(storagePath: string): Promise<void> {
  await rm(resolveStoredPath(storagePath), { force: true });
}

function resolveStoredPath(storagePath: string): string {
  const root = filesRoot();
  const absolute = path.resolve(root, storagePath);
  // Storage paths come from the database, but never let one escape the files folder.
  if (!absolute.startsWith(root + path.sep)) throw new Error("Invalid storage path");
  return absolute;
}

/** Raster images a browser may show in place; everything else (SVG included) is a download. */
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/**
 * Streams a stored file with a safe Content-Disposition: `attachment` unless it is a raster
 * image the caller allows inline, and always `Content-Security-Policy: sandbox`, so even a file
 * a browser renders runs no script and counts as a foreign origin.
 */
export async function fileResponse(
  storagePath: string,
  options: { fileName: string; contentType: string; inline?: boolean },
): Promise<Response> {
  const absolute = resolveStoredPath(storagePath);
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new Response("Not found", { status: 404 });
  const stream = Readable.toWeb(createReadStream(absolute)) as ReadableStream;
  const inline = Boolean(options.inline) && INLINE_TYPES.has(options.contentType.split(";")[0]!.trim().toLowerCase());
  const asciiName = options.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return new Response(stream, {
    headers: {
      "Content-Type": options.contentType,
      "Content-Length": String(info.size),
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`,
      "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
