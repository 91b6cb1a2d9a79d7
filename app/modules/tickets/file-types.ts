/**
 * What an uploaded file really is, read from its first bytes ("magic numbers"), never from
 * its name or the browser's Content-Type. Pure: works on bytes only.
 *
 * Accepted: images (PNG, JPEG, GIF, WebP), video (MP4/MOV, WebM), PDF, archives (ZIP, gzip,
 * 7z, RAR) and plain text/logs. Text is accepted when it is valid UTF-8 without NUL bytes
 * (a UTF-8 BOM is allowed; so is a UTF-16 text with its BOM, which Windows tools write).
 * Everything else — executables, office documents with macros, unknown binaries — is
 * refused with a reason the customer can act on. Office documents (DOCX/XLSX) are ZIP files
 * and are accepted as archives: the download is always served as an attachment with nosniff.
 */
export const MB = 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

export type FileKind = "image" | "video" | "pdf" | "archive" | "text";

export type SniffedType = { kind: FileKind; mime: string; label: string };

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));

type Rule = { test: (bytes: Uint8Array) => boolean; type: SniffedType };

const RULES: Rule[] = [
  { test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), type: { kind: "image", mime: "image/png", label: "PNG" } },
  { test: (b) => startsWith(b, [0xff, 0xd8, 0xff]), type: { kind: "image", mime: "image/jpeg", label: "JPEG" } },
  { test: (b) => startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a")), type: { kind: "image", mime: "image/gif", label: "GIF" } },
  {
    test: (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8),
    type: { kind: "image", mime: "image/webp", label: "WebP" },
  },
  { test: (b) => startsWith(b, ascii("%PDF-")), type: { kind: "pdf", mime: "application/pdf", label: "PDF" } },
  {
    // Local file header, empty archive, or spanned archive.
    test: (b) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06]) || startsWith(b, [0x50, 0x4b, 0x07, 0x08]),
    type: { kind: "archive", mime: "application/zip", label: "ZIP" },
  },
  { test: (b) => startsWith(b, [0x1f, 0x8b]), type: { kind: "archive", mime: "application/gzip", label: "gzip" } },
  { test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), type: { kind: "archive", mime: "application/x-7z-compressed", label: "7z" } },
  { test: (b) => startsWith(b, ascii("Rar!\u001a\u0007")), type: { kind: "archive", mime: "application/vnd.rar", label: "RAR" } },
  {
    // ISO base media: a box size, then "ftyp"; QuickTime brand "qt  " means MOV.
    test: (b) => startsWith(b, ascii("ftyp"), 4) && startsWith(b, ascii("qt  "), 8),
    type: { kind: "video", mime: "video/quicktime", label: "MOV" },
  },
  { test: (b) => startsWith(b, ascii("ftyp"), 4), type: { kind: "video", mime: "video/mp4", label: "MP4" } },
  // Matroska/WebM EBML header. Plain Matroska (.mkv) shares it and is accepted as video too.
  { test: (b) => startsWith(b, [0x1a, 0x45, 0xdf, 0xa3]), type: { kind: "video", mime: "video/webm", label: "WebM" } },
];

const TEXT: SniffedType = { kind: "text", mime: "text/plain; charset=utf-8", label: "text" };
const UTF16_TEXT: SniffedType = { kind: "text", mime: "text/plain; charset=utf-16", label: "text" };

/** The detected type, or null when the content is not one of the accepted kinds. */
export function sniffFileType(bytes: Uint8Array): SniffedType | null {
  for (const rule of RULES) if (rule.test(bytes)) return rule.type;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return UTF16_TEXT;
  return isUtf8Text(bytes) ? TEXT : null;
}

/** Valid UTF-8 without NUL bytes. An empty file is not text (there is nothing to read). */
export function isUtf8Text(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    if (byte === 0) return false;
    if (byte < 0x80) {
      i++;
      continue;
    }
    let extra: number;
    let min: number;
    if (byte >= 0xc2 && byte <= 0xdf) [extra, min] = [1, 0x80];
    else if (byte >= 0xe0 && byte <= 0xef) [extra, min] = [2, 0x800];
    else if (byte >= 0xf0 && byte <= 0xf4) [extra, min] = [3, 0x10000];
    else return false;
    let codePoint = byte & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return false;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
    if (codePoint < min || (codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) return false;
    i += extra + 1;
  }
  return true;
}

export type FileCheck =
  | { ok: true; type: SniffedType }
  | { ok: false; reason: "too_large" | "empty" | "type_not_accepted" };

/** Checks one upload against the size limit (the `tickets.maxUploadMb` setting) first, the cheap test, then its content. */
export function checkAttachment(bytes: Uint8Array, maxBytes: number, size = bytes.length): FileCheck {
  if (size > maxBytes) return { ok: false, reason: "too_large" };
  if (size === 0) return { ok: false, reason: "empty" };
  const type = sniffFileType(bytes);
  return type ? { ok: true, type } : { ok: false, reason: "type_not_accepted" };
}

/** "24.3 MB", "512 KB", "120 B" — sizes in messages. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

/** Images are shown inline; every other type downloads as a file. */
export function isInlineImage(mime: string): boolean {
  return mime.startsWith("image/");
}
