import { unstable_parseMultipartFormData } from "@remix-run/node";
import { deleteStoredFile, FileTooLargeError, storeFileStream } from "~/utils/files.server";
import { MAX_RELEASE_BYTES, type StoredReleaseFile } from "./products.server";

const MAX_TEXT_PART = 64 * 1024;

/**
 * Reads the admin's release form. The package streams straight to file storage (never held
 * in memory) and parsing stops as soon as it passes `maxBytes` (the rest of the upload is not
 * read). The stored file is reported only through the result, so a text field named "file"
 * cannot forge one. Text fields seen so far are returned either way, to show the form again.
 */
export async function parseReleaseUpload(request: Request, maxBytes = MAX_RELEASE_BYTES) {
  let file: StoredReleaseFile | undefined;
  const values: Record<string, string> = {};
  try {
    const form = await unstable_parseMultipartFormData(request, async ({ name, filename, data }) => {
      if (filename !== undefined) {
        if (name !== "file" || filename === "") {
          for await (const _chunk of data) void _chunk; // an empty file input: drain and ignore
          return undefined;
        }
        const stored = await storeFileStream("releases", data, maxBytes);
        if (stored.size === 0) {
          await deleteStoredFile(stored.storagePath);
          return undefined;
        }
        file = { ...stored, fileName: filename.slice(0, 200) };
        return undefined;
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size <= MAX_TEXT_PART) chunks.push(chunk);
      }
      const text = Buffer.concat(chunks).toString("utf8");
      values[name] = text;
      return text;
    });
    return { ok: true as const, form, file, values };
  } catch (error) {
    if (error instanceof FileTooLargeError) return { ok: false as const, tooLarge: true, values };
    await discardUpload(file);
    throw error;
  }
}

/** Removes an uploaded package whose release could not be saved. */
export async function discardUpload(file: StoredReleaseFile | undefined) {
  if (file) await deleteStoredFile(file.storagePath);
}
