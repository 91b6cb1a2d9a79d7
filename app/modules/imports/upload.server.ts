import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { MAX_IMPORT_BYTES } from "./read.server";

export type ImportUpload = { formData: FormData; file: { fileName: string; bytes: Uint8Array } | null; tooLarge: boolean };

/**
 * Reads the import form: text fields, and the one file held in memory up to the import limit
 * (a larger one is drained without being kept and reported as too large).
 */
export async function readImportUpload(request: Request): Promise<ImportUpload> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return { formData: await request.formData(), file: null, tooLarge: false };
  }
  let file: ImportUpload["file"] = null;
  let tooLarge = false;
  const handler: UploadHandler = async ({ name, filename, data }) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size <= MAX_IMPORT_BYTES) chunks.push(chunk);
    }
    if (filename === undefined) return new TextDecoder().decode(Buffer.concat(chunks)).replaceAll("\u0000", "").slice(0, 1000);
    if (name !== "file" || (filename === "" && size === 0)) return undefined;
    if (size > MAX_IMPORT_BYTES) tooLarge = true;
    else file = { fileName: Array.from(filename, (c) => (c.charCodeAt(0) < 0x20 || c === "/" || c === "\\" ? "_" : c)).join("").slice(0, 200) || "file", bytes: new Uint8Array(Buffer.concat(chunks)) };
    return undefined;
  };
  const formData = await unstable_parseMultipartFormData(request, handler);
  return { formData, file, tooLarge };
}
