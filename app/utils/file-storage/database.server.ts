import { Readable } from "node:stream";
import { and, eq, sql } from "drizzle-orm";
import { fileChunks, fileObjects } from "#db/schema";
import type { Executor } from "../db.server";
import type { FileBackend } from "./backend";

/** Bytes per row: large enough for few round trips, small enough never to hold a whole file. */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Chunks travel as base64 text: PGlite encodes a binary parameter byte by byte (seconds per
 * megabyte), while base64 costs it milliseconds; PostgreSQL decodes either at the same speed.
 *
 * Files in the database (`file_objects` + `file_chunks`), written and read one chunk at a time.
 * Works on PostgreSQL and on PGlite. `executor` is a function so that the backend always uses
 * the current connection (or a caller's transaction, as the demo seed does).
 */
export function databaseBackend(executor: () => Executor): FileBackend {
  async function remove(key: string) {
    await executor().delete(fileObjects).where(eq(fileObjects.key, key));
  }
  return {
    name: "database",
    async store(key, body) {
      const db = executor();
      // A retried copy (files:migrate after an interruption) replaces an incomplete one.
      await remove(key);
      await db.insert(fileObjects).values({ key, complete: false });
      let seq = 0;
      let size = 0;
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      const flush = async (all: boolean) => {
        while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
          const joined = Buffer.concat(pending, pendingBytes);
          const data = joined.subarray(0, Math.min(CHUNK_BYTES, joined.byteLength));
          const rest = joined.subarray(data.byteLength);
          await db.insert(fileChunks).values({ key, seq, data: sql`decode(${data.toString("base64")}, 'base64')` });
          seq += 1;
          pending = rest.byteLength > 0 ? [rest] : [];
          pendingBytes = rest.byteLength;
        }
      };
      try {
        for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
          const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          pending.push(bytes);
          pendingBytes += bytes.byteLength;
          size += bytes.byteLength;
          await flush(false);
        }
        await flush(true);
        await db.update(fileObjects).set({ size, chunks: seq, complete: true }).where(eq(fileObjects.key, key));
      } catch (error) {
        await remove(key).catch(() => {});
        throw error;
      }
    },
    async read(key) {
      const [object] = await executor()
        .select({ size: fileObjects.size, chunks: fileObjects.chunks })
        .from(fileObjects)
        .where(and(eq(fileObjects.key, key), eq(fileObjects.complete, true)))
        .limit(1);
      if (!object) return null;
      const chunks = object.chunks;
      async function* bytes() {
        for (let seq = 0; seq < chunks; seq++) {
          const [row] = await executor()
            .select({ data: sql<string>`encode(${fileChunks.data}, 'base64')` })
            .from(fileChunks)
            .where(and(eq(fileChunks.key, key), eq(fileChunks.seq, seq)))
            .limit(1);
          // A chunk gone missing ends the stream short; the checksum check reports it.
          if (!row) return;
          yield Buffer.from(row.data, "base64");
        }
      }
      return { stream: Readable.from(bytes(), { objectMode: false }), size: object.size };
    },
    delete: remove,
    async exists(key) {
      const [row] = await executor()
        .select({ key: fileObjects.key })
        .from(fileObjects)
        .where(and(eq(fileObjects.key, key), eq(fileObjects.complete, true)))
        .limit(1);
      return !!row;
    },
  };
}
