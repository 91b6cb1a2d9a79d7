import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { FileBackend } from "./backend";

/**
 * Files under a local folder (`DATA_DIR/files`), one file per key. A file is written under a
 * temporary name and renamed when complete, so a reader never sees half a file.
 */
export function folderBackend(root: string): FileBackend {
  const resolved = path.resolve(root);
  const pathOf = (key: string) => {
    const absolute = path.resolve(resolved, key);
    // Keys come from the database, but never let one escape the files folder.
    if (!absolute.startsWith(resolved + path.sep)) throw new Error(`Invalid storage key: ${key}`);
    return absolute;
  };
  return {
    name: "folder",
    async store(key, body) {
      const absolute = pathOf(key);
      await mkdir(path.dirname(absolute), { recursive: true });
      const partial = `${absolute}.part-${randomUUID()}`;
      try {
        await pipeline(body, createWriteStream(partial));
        await rename(partial, absolute);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async read(key) {
      const absolute = pathOf(key);
      const info = await stat(absolute).catch(() => null);
      if (!info?.isFile()) return null;
      return { stream: createReadStream(absolute), size: info.size };
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
    async exists(key) {
      return (await stat(pathOf(key)).catch(() => null))?.isFile() ?? false;
    },
  };
}
