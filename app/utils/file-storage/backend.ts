import type { Readable } from "node:stream";

export const FILE_BACKENDS = ["database", "folder", "s3"] as const;
export type FileBackendName = (typeof FILE_BACKENDS)[number];

/**
 * One place that keeps file bytes. Keys are the app's own (`area/yyyy-mm/uuid`); checksums,
 * sizes and names live with the records that point at a file, not here.
 */
export interface FileBackend {
  readonly name: FileBackendName;
  /** Stores the stream under `key`; on any error (including the stream's) nothing is left behind. */
  store(key: string, body: Readable): Promise<void>;
  /** The stored bytes as a stream, or null when nothing is stored under `key`. */
  read(key: string): Promise<{ stream: Readable; size: number } | null>;
  /** Removes the bytes; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

/**
 * Where a record's file lives: `<backend>:<key>`. Paths written before the backends existed
 * have no prefix and are files in the folder.
 */
export type FileLocator = { backend: FileBackendName; key: string };

export function parseLocator(storagePath: string): FileLocator {
  const match = /^(database|folder|s3):([\s\S]+)$/.exec(storagePath);
  if (match) return { backend: match[1] as FileBackendName, key: match[2]! };
  return { backend: "folder", key: storagePath };
}

export function formatLocator(locator: FileLocator): string {
  return `${locator.backend}:${locator.key}`;
}
