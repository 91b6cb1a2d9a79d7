import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { getSettings } from "~/modules/settings/settings.server";
import { checkAttachment, MAX_ATTACHMENTS_PER_MESSAGE, MB } from "./file-types";

/**
 * Reads a ticket form that may carry files. Text fields become the FormData; each file is
 * held in memory up to the upload limit (the `tickets.maxUploadMb` setting, 25 MB by default) and checked from its content. A file over the limit is drained
 * without being kept (the request goes on, so nothing else the customer typed is lost) and
 * reported with the reason. Nothing is written to disk here: the use case stores files only
 * when the whole submission is valid.
 */
export type Upload = { fileName: string; bytes: Uint8Array; mime: string };
export type RejectedUpload = { fileName: string; size: number; reason: "too_large" | "empty" | "type_not_accepted" | "too_many" };

export type ParsedUploadForm = { formData: FormData; uploads: Upload[]; rejected: RejectedUpload[] };

const MAX_TEXT_FIELD_BYTES = 64 * 1024;

function cleanFileName(name: string): string {
  // Control characters and path separators never reach the database or a header.
  const cleaned = Array.from(name, (c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === "/" || c === "\\" ? "_" : c))
    .join("")
    .trim()
    .slice(0, 200);
  return cleaned || "file";
}

export async function parseUploadForm(request: Request, fileField = "attachments"): Promise<ParsedUploadForm> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!contentType.startsWith("multipart/form-data")) {
    return { formData: await request.formData(), uploads: [], rejected: [] };
  }
  const maxBytes = (await getSettings()).tickets.maxUploadMb * MB;
  const uploads: Upload[] = [];
  const rejected: RejectedUpload[] = [];
  const handler: UploadHandler = async ({ name, filename, data }) => {
    if (filename === undefined) {
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of data) {
        size += chunk.byteLength;
        if (size <= MAX_TEXT_FIELD_BYTES) chunks.push(chunk);
      }
      // PostgreSQL text cannot hold NUL: drop it here so a pasted one never fails the save.
      return new TextDecoder().decode(Buffer.concat(chunks)).replaceAll("\u0000", "");
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= maxBytes) chunks.push(chunk);
    }
    // An empty file input still sends a part with no name and no bytes.
    if (filename === "" && size === 0) return undefined;
    if (name !== fileField) return undefined;
    const fileName = cleanFileName(filename);
    if (uploads.length >= MAX_ATTACHMENTS_PER_MESSAGE) {
      rejected.push({ fileName, size, reason: "too_many" });
      return undefined;
    }
    if (size > maxBytes) {
      rejected.push({ fileName, size, reason: "too_large" });
      return undefined;
    }
    const bytes = new Uint8Array(Buffer.concat(chunks));
    const check = checkAttachment(bytes, maxBytes);
    if (!check.ok) rejected.push({ fileName, size, reason: check.reason });
    else uploads.push({ fileName, bytes, mime: check.type.mime });
    return undefined;
  };
  const formData = await unstable_parseMultipartFormData(request, handler);
  return { formData, uploads, rejected };
}
