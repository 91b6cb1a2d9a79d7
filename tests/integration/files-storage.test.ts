import { createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fileChunks, fileObjects } from "#db/schema";
import { parseLocator, type FileBackendName } from "~/utils/file-storage/backend";
import { CHUNK_BYTES } from "~/utils/file-storage/database.server";
import type { s3Backend } from "~/utils/file-storage/s3.server";
import { setUploadBackend } from "~/utils/file-storage/setting.server";
import { db } from "~/utils/db.server";
import { getEnv, overrideEnvForTests } from "~/utils/env.server";
import {
  deleteStoredFile,
  fileBackend,
  fileDownload,
  fileResponse,
  FileTooLargeError,
  openStoredFile,
  storedFileExists,
  storeFile,
  storeFileStream,
  verifyStoredFile,
} from "~/utils/files.server";
import { startS3Server, TEST_BUCKET } from "../setup/s3-server";

const MB = 1024 * 1024;
let s3: Awaited<ReturnType<typeof startS3Server>>;

beforeAll(async () => {
  s3 = await startS3Server();
  overrideEnvForTests(s3.env);
});
afterAll(async () => {
  await s3?.stop();
});

/** 25 MB arriving in 64 KB pieces, as an upload does: the source never exists as one buffer. */
function pieces(total: number, seed: number): { stream: () => AsyncIterable<Uint8Array>; sha256: string } {
  const piece = 64 * 1024;
  const block = (i: number) => {
    const pattern = createHash("sha256").update(`${seed}:${i}`).digest();
    return Buffer.alloc(Math.min(piece, total - i * piece), pattern);
  };
  const count = Math.ceil(total / piece);
  const hash = createHash("sha256");
  for (let i = 0; i < count; i++) hash.update(block(i));
  return {
    sha256: hash.digest("hex"),
    stream: async function* () {
      for (let i = 0; i < count; i++) yield block(i);
    },
  };
}

async function drain(stream: Readable): Promise<{ sha256: string; size: number; largestPiece: number }> {
  const hash = createHash("sha256");
  let size = 0;
  let largestPiece = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.byteLength;
    largestPiece = Math.max(largestPiece, chunk.byteLength);
  }
  return { sha256: hash.digest("hex"), size, largestPiece };
}

/** Overwrites a stored file's bytes behind the app's back (bit rot, a bad restore). */
async function tamper(storagePath: string, bytes: Buffer) {
  const { backend, key } = parseLocator(storagePath);
  if (backend === "folder") writeFileSync(path.join(getEnv().DATA_DIR, "files", key), bytes);
  if (backend === "database") await db.update(fileChunks).set({ data: bytes }).where(and(eq(fileChunks.key, key), eq(fileChunks.seq, 0)));
  if (backend === "s3") {
    const client = (fileBackend("s3") as ReturnType<typeof s3Backend>).client;
    await client.send(new PutObjectCommand({ Bucket: TEST_BUCKET, Key: key, Body: bytes }));
  }
}

describe.each<FileBackendName>(["database", "folder", "s3"])("the %s files backend", (backend) => {
  it("stores 25 MB from a stream and reads back the same bytes as a stream", async () => {
    const source = pieces(25 * MB, 7);
    const stored = await storeFileStream("attachments", source.stream(), 25 * MB, { backend });
    expect(stored.storagePath).toMatch(new RegExp(`^${backend}:attachments/\\d{4}-\\d{2}/[0-9a-f-]{36}$`));
    expect(stored).toMatchObject({ size: 25 * MB, sha256: source.sha256 });
    expect(await storedFileExists(stored.storagePath)).toBe(true);

    const { stream, size } = await openStoredFile(stored.storagePath, { sha256: stored.sha256, size: stored.size });
    expect(size).toBe(25 * MB);
    const read = await drain(stream);
    expect(read).toMatchObject({ sha256: source.sha256, size: 25 * MB });
    // Streamed, never the whole file at once.
    expect(read.largestPiece).toBeLessThanOrEqual(8 * MB);
    if (backend === "database") {
      const [row] = await db
        .select({ biggest: sql<number>`max(octet_length(${fileChunks.data}))`, n: sql<number>`count(*)` })
        .from(fileChunks)
        .where(eq(fileChunks.key, parseLocator(stored.storagePath).key));
      expect(Number(row!.biggest)).toBe(CHUNK_BYTES);
      expect(Number(row!.n)).toBe(25);
    }

    await deleteStoredFile(stored.storagePath);
    expect(await storedFileExists(stored.storagePath)).toBe(false);
    await deleteStoredFile(stored.storagePath); // removing twice is fine
  });

  it("stores and serves an empty file", async () => {
    const stored = await storeFile("attachments", new Uint8Array(), { backend });
    expect(stored).toMatchObject({ size: 0, sha256: createHash("sha256").digest("hex") });
    expect(await storedFileExists(stored.storagePath)).toBe(true);
    const response = await fileResponse(stored.storagePath, { fileName: "empty.log", contentType: "text/plain", sha256: stored.sha256, size: 0 });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Length")).toBe("0");
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it("serves a file with a unicode name as a download with both filename forms", async () => {
    const bytes = randomBytes(3000);
    const stored = await storeFile("attachments", bytes, { backend });
    const fileName = "Отчёт «май» 📎 ü.txt";
    const response = await fileResponse(stored.storagePath, { fileName, contentType: "text/plain", sha256: stored.sha256, size: stored.size });
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="_____ _____ __ _.txt"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("stops a stream that passes the limit and leaves nothing behind", async () => {
    const source = pieces(3 * MB, 1);
    const before = backend === "database" ? await db.select({ n: sql<number>`count(*)` }).from(fileObjects) : null;
    await expect(storeFileStream("releases", source.stream(), 2 * MB, { backend })).rejects.toBeInstanceOf(FileTooLargeError);
    if (before) {
      const after = await db.select({ n: sql<number>`count(*)` }).from(fileObjects);
      expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
      const orphans = await db.select({ n: sql<number>`count(*)` }).from(fileChunks).where(sql`${fileChunks.key} not in (select key from file_objects)`);
      expect(Number(orphans[0]!.n)).toBe(0);
    }
  });

  it("answers a missing or damaged file with an error page and a log line, never a server error", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const bytes = Buffer.from("the original bytes of a screenshot");
      const stored = await storeFile("attachments", bytes, { backend });
      const download = (locale: "en" | "ru") =>
        fileDownload(locale, () => fileResponse(stored.storagePath, { fileName: "shot.png", contentType: "image/png", sha256: stored.sha256, size: stored.size }));

      await tamper(stored.storagePath, Buffer.from("THE original bytes of a screenshot"));
      expect(await verifyStoredFile(stored.storagePath, stored.sha256)).toBe("corrupted");
      const damaged = await download("en");
      expect(damaged.status).toBe(409);
      expect(damaged.headers.get("Content-Type")).toMatch(/text\/html/);
      expect(await damaged.text()).toContain("This file is damaged");
      expect(log.mock.calls.flat().join(" ")).toMatch(new RegExp(`\\[files\\] Stored file ${stored.storagePath.replace(/[/:]/g, ".")} is corrupted`));

      await deleteStoredFile(stored.storagePath);
      expect(await verifyStoredFile(stored.storagePath, stored.sha256)).toBe("missing");
      const missing = await download("ru");
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain("Файл недоступен");
      expect(log.mock.calls.flat().join(" ")).toMatch(/is missing: nothing stored under/);
    } finally {
      log.mockRestore();
    }
  });
});

describe("choosing the backend for new uploads", () => {
  it("follows FILES_BACKEND until files:migrate writes the setting, and reads every backend either way", async () => {
    overrideEnvForTests({ FILES_BACKEND: "folder" });
    const inFolder = await storeFile("attachments", Buffer.from("a"));
    expect(inFolder.storagePath).toMatch(/^folder:/);
    await setUploadBackend("database");
    const inDatabase = await storeFile("attachments", Buffer.from("b"));
    expect(inDatabase.storagePath).toMatch(/^database:/);
    expect(await verifyStoredFile(inFolder.storagePath, inFolder.sha256)).toBe("ok");
    expect(await verifyStoredFile(inDatabase.storagePath, inDatabase.sha256)).toBe("ok");
  });

  it("reads files stored before the backends existed (a bare path in the folder)", async () => {
    const stored = await storeFile("releases", Buffer.from("legacy package"), { backend: "folder" });
    const legacy = parseLocator(stored.storagePath).key;
    expect(readFileSync(path.join(getEnv().DATA_DIR, "files", legacy), "utf8")).toBe("legacy package");
    expect(await verifyStoredFile(legacy, stored.sha256)).toBe("ok");
  });
});
