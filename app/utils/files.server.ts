import { createHash, randomUUID } from "node:crypto";
import path from "node:path";
import { pipeline, Readable, Transform } from "node:stream";
import { translate, type Locale } from "./i18n";
import { db, type Executor } from "./db.server";
import { getEnv, type Env } from "./env.server";
import { formatLocator, parseLocator, type FileBackend, type FileBackendName } from "./file-storage/backend";
import { databaseBackend } from "./file-storage/database.server";
import { folderBackend } from "./file-storage/folder.server";
import { s3Backend } from "./file-storage/s3.server";
import { uploadBackendName } from "./file-storage/setting.server";

/**
 * Uploaded files (release packages, ticket and complaint attachments). The bytes live in one of
 * three backends (database, folder, S3); the records that point at a file keep its original
 * name, type, size, SHA-256 and a storage path `<backend>:<key>` (see file-storage/backend.ts).
 * Every read is checked against the recorded checksum.
 */

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${Math.floor(maxBytes / 1024 / 1024)} MB`);
  }
}

/** A stored file that cannot be served: gone from its backend, or not the bytes that were uploaded. */
export class StoredFileError extends Error {
  override name = "StoredFileError";
  constructor(
    readonly reason: "missing" | "corrupted",
    readonly storagePath: string,
    detail: string,
  ) {
    super(`Stored file ${storagePath} is ${reason}: ${detail}`);
  }
}

let backends: { env: Env; byName: Partial<Record<FileBackendName, FileBackend>> } | null = null;

/** The backend called `name`, built from the configuration (S3 only when a bucket is set). */
export function fileBackend(name: FileBackendName): FileBackend {
  const env = getEnv();
  if (backends?.env !== env) backends = { env, byName: {} };
  const cached = backends.byName[name];
  if (cached) return cached;
  const created = createBackend(name, env);
  backends.byName[name] = created;
  return created;
}

function createBackend(name: FileBackendName, env: Env): FileBackend {
  if (name === "folder") return folderBackend(path.join(env.DATA_DIR, "files"));
  if (name === "database") return databaseBackend(() => db);
  if (!env.FILES_S3_BUCKET) throw new Error("S3 file storage is not configured: set FILES_S3_BUCKET (and the other FILES_S3_ settings).");
  return s3Backend({
    bucket: env.FILES_S3_BUCKET,
    region: env.FILES_S3_REGION,
    endpoint: env.FILES_S3_ENDPOINT,
    forcePathStyle: env.FILES_S3_FORCE_PATH_STYLE,
    accessKeyId: env.FILES_S3_ACCESS_KEY_ID,
    secretAccessKey: env.FILES_S3_SECRET_ACCESS_KEY,
    prefix: env.FILES_S3_PREFIX,
  });
}

type StoreOptions = {
  /** Store in this backend instead of the configured one (files:migrate). */
  backend?: FileBackendName;
  /** The demo seed stores files inside its transaction (PGlite has one connection). */
  executor?: Executor;
};

export type StoredFile = { storagePath: string; sha256: string; size: number };

function newKey(area: string): string {
  return path.posix.join(area, new Date().toISOString().slice(0, 7), randomUUID());
}

function backendFor(name: FileBackendName, executor: Executor | undefined): FileBackend {
  return name === "database" && executor ? databaseBackend(() => executor) : fileBackend(name);
}

/**
 * Streams bytes into storage, hashing and counting them on the way; never holds the whole file.
 * Throws `FileTooLargeError` (and leaves nothing stored) once more than `maxBytes` arrive.
 */
export async function storeFileStream(
  area: string,
  chunks: AsyncIterable<Uint8Array> | Readable,
  maxBytes: number,
  options: StoreOptions = {},
): Promise<StoredFile> {
  const name = options.backend ?? (await uploadBackendName(options.executor));
  const key = newKey(area);
  const { size, sha256 } = await storeUnder(backendFor(name, options.executor), key, chunks, maxBytes);
  return { storagePath: formatLocator({ backend: name, key }), sha256, size };
}

async function storeUnder(backend: FileBackend, key: string, chunks: AsyncIterable<Uint8Array> | Readable, maxBytes: number) {
  const hash = createHash("sha256");
  let size = 0;
  let tooLarge = false;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        tooLarge = true;
        callback(new FileTooLargeError(maxBytes));
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  const source = chunks instanceof Readable ? chunks : Readable.from(chunks, { objectMode: false });
  const body = pipeline(source, measure, () => {});
  try {
    await backend.store(key, body);
  } catch (error) {
    if (tooLarge) throw new FileTooLargeError(maxBytes);
    throw error;
  }
  if (tooLarge) {
    await backend.delete(key).catch(() => {});
    throw new FileTooLargeError(maxBytes);
  }
  return { size, sha256: hash.digest("hex") };
}

/** Stores bytes already in memory (small uploads, demo files). */
export async function storeFile(area: string, bytes: Uint8Array, options: StoreOptions = {}): Promise<StoredFile> {
  return storeFileStream(area, Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), Number.POSITIVE_INFINITY, options);
}

/** Copies a stored file's bytes into another backend under the same key (files:migrate). */
export async function copyStoredFile(storagePath: string, to: FileBackendName, expected: { sha256: string }): Promise<string> {
  const { key } = parseLocator(storagePath);
  const { stream } = await openStoredFile(storagePath, expected);
  const target = fileBackend(to);
  const copied = await storeUnder(target, key, stream, Number.POSITIVE_INFINITY);
  if (copied.sha256 !== expected.sha256) {
    await target.delete(key).catch(() => {});
    throw new StoredFileError("corrupted", storagePath, `copied bytes hash to ${copied.sha256}, expected ${expected.sha256}`);
  }
  const copy = formatLocator({ backend: to, key });
  const check = await verifyStoredFile(copy, expected.sha256);
  if (check !== "ok") throw new StoredFileError(check, copy, "the copy does not read back as written");
  return copy;
}

export async function deleteStoredFile(storagePath: string): Promise<void> {
  const { backend, key } = parseLocator(storagePath);
  await fileBackend(backend).delete(key);
}

export async function storedFileExists(storagePath: string): Promise<boolean> {
  const { backend, key } = parseLocator(storagePath);
  return fileBackend(backend).exists(key);
}

/**
 * The stored bytes as a stream that checks the SHA-256 as it goes: a missing object throws
 * `StoredFileError("missing")` at once, a wrong size at once, other damage fails the stream at
 * its end (so a corrupted file never arrives complete).
 */
export async function openStoredFile(storagePath: string, expected: { sha256: string; size?: number }): Promise<{ stream: Readable; size: number }> {
  const { backend, key } = parseLocator(storagePath);
  const found = await fileBackend(backend).read(key);
  if (!found) throw new StoredFileError("missing", storagePath, `nothing stored under ${key} in the ${backend} backend`);
  if (expected.size !== undefined && expected.size !== found.size) {
    found.stream.destroy();
    throw new StoredFileError("corrupted", storagePath, `${found.size} bytes stored, ${expected.size} recorded`);
  }
  const hash = createHash("sha256");
  const verify = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const actual = hash.digest("hex");
      callback(actual === expected.sha256 ? null : new StoredFileError("corrupted", storagePath, `SHA-256 ${actual}, recorded ${expected.sha256}`));
    },
  });
  return { stream: pipeline(found.stream, verify, () => {}), size: found.size };
}

/** Reads a stored file to the end; throws `StoredFileError` unless it is there and intact. */
async function assertStoredFileIntact(storagePath: string, expected: { sha256: string; size?: number }): Promise<void> {
  const { stream } = await openStoredFile(storagePath, expected);
  for await (const _chunk of stream) void _chunk;
}

/** Reads a stored file to the end: `ok`, `missing` or `corrupted`. */
export async function verifyStoredFile(storagePath: string, sha256: string, size?: number): Promise<"ok" | "missing" | "corrupted"> {
  try {
    await assertStoredFileIntact(storagePath, { sha256, size });
    return "ok";
  } catch (error) {
    if (error instanceof StoredFileError) return error.reason;
    throw error;
  }
}

/**
 * Files up to this size are read and checked completely before the first byte is sent, so a
 * damaged one gets an error page; larger ones (release packages) are checked while streaming and
 * the download is cut off before its last byte if they do not match.
 */
export const VERIFY_BEFORE_SENDING_BYTES = 64 * 1024 * 1024;

/** Raster images a browser may show in place; everything else (SVG included) is a download. */
const INLINE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

/**
 * Streams a stored file after checking it, with a safe Content-Disposition (`attachment` unless
 * a raster image the caller allows inline) and always `Content-Security-Policy: sandbox`.
 */
export async function fileResponse(
  storagePath: string,
  options: { fileName: string; contentType: string; sha256: string; size?: number | null; inline?: boolean },
): Promise<Response> {
  const expected = { sha256: options.sha256, size: options.size ?? undefined };
  try {
    if ((options.size ?? Number.POSITIVE_INFINITY) <= VERIFY_BEFORE_SENDING_BYTES) await assertStoredFileIntact(storagePath, expected);
    const { stream, size } = await openStoredFile(storagePath, expected);
    stream.on("error", (error) => logStoredFileError(error, options.fileName));
    const asciiName = options.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
    const inline = Boolean(options.inline) && INLINE_TYPES.has(options.contentType.split(";")[0]!.trim().toLowerCase());
    return new Response(Readable.toWeb(stream) as ReadableStream, {
      headers: {
        "Content-Type": options.contentType,
        "Content-Length": String(size),
        "Content-Disposition": `${inline ? "inline" : "attachment"}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(options.fileName)}`,
        // Even a file a browser renders runs no script and counts as a foreign origin.
        "Content-Security-Policy": "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof StoredFileError) {
      logStoredFileError(error, options.fileName);
      throw new StoredFileDownloadError(error, options.fileName);
    }
    throw error;
  }
}

function logStoredFileError(error: unknown, fileName: string) {
  if (error instanceof StoredFileError) console.error(`[files] ${error.message} (file name: ${JSON.stringify(fileName)})`);
  else console.error("[files] reading a stored file failed", error);
}

/** Thrown by fileResponse once the problem is logged; `fileDownload` turns it into a page. */
export class StoredFileDownloadError extends Error {
  constructor(
    readonly problem: StoredFileError,
    readonly fileName: string,
  ) {
    super(problem.message);
  }
}

/**
 * Runs a download for a route: a missing or corrupted stored file becomes a short page in the
 * user's language (404 when missing, 409 when damaged) instead of a server error.
 */
export async function fileDownload(locale: Locale, produce: () => Promise<Response>): Promise<Response> {
  try {
    return await produce();
  } catch (error) {
    if (!(error instanceof StoredFileDownloadError)) throw error;
    const kind = error.problem.reason;
    const title = translate(locale, `files.${kind}.title`);
    const body = translate(locale, `files.${kind}.body`, { name: error.fileName });
    const home = translate(locale, "error.home");
    const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p><p><a href="/">${escapeHtml(home)}</a></p></main></body></html>`;
    return new Response(html, {
      status: kind === "missing" ? 404 : 409,
      headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
    });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
