import { describe, expect, it } from "vitest";
import { checkAttachment, formatFileSize, isUtf8Text, MB, sniffFileType } from "./file-types";

const MAX_ATTACHMENT_BYTES = 25 * MB;

const bytes = (...parts: Array<number[] | string>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? Array.from(Buffer.from(p, "latin1")) : p)));

describe("sniffFileType", () => {
  it.each([
    ["PNG", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), "image/png"],
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "image/jpeg"],
    ["GIF89a", bytes("GIF89a", [1, 0]), "image/gif"],
    ["GIF87a", bytes("GIF87a", [1, 0]), "image/gif"],
    ["WebP", bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 "), "image/webp"],
    ["PDF", bytes("%PDF-1.7\n"), "application/pdf"],
    ["ZIP", bytes([0x50, 0x4b, 0x03, 0x04, 20, 0]), "application/zip"],
    ["empty ZIP", bytes([0x50, 0x4b, 0x05, 0x06, 0, 0]), "application/zip"],
    ["gzip", bytes([0x1f, 0x8b, 8, 0]), "application/gzip"],
    ["7z", bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]), "application/x-7z-compressed"],
    ["RAR", bytes("Rar!", [0x1a, 0x07, 0x01, 0x00]), "application/vnd.rar"],
    ["MP4", bytes([0, 0, 0, 0x20], "ftypisom", [0, 0, 2, 0]), "video/mp4"],
    ["MOV", bytes([0, 0, 0, 0x14], "ftypqt  ", [0, 0, 2, 0]), "video/quicktime"],
    ["WebM", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]), "video/webm"],
    ["a log", new TextEncoder().encode("2026-03-01 10:00:01 ERROR Order #5 failed\n"), "text/plain; charset=utf-8"],
    ["Russian text", new TextEncoder().encode("Ошибка при оформлении заказа\n"), "text/plain; charset=utf-8"],
    ["text with a BOM", bytes([0xef, 0xbb, 0xbf], "hello"), "text/plain; charset=utf-8"],
    ["UTF-16 text", bytes([0xff, 0xfe, 0x68, 0x00]), "text/plain; charset=utf-16"],
  ])("recognises %s", (_name, content, mime) => {
    expect(sniffFileType(content)?.mime).toBe(mime);
  });

  it.each([
    ["a Windows executable", bytes("MZ", [0x90, 0, 3, 0, 0, 0, 4, 0])],
    ["an ELF binary", bytes([0x7f], "ELF", [2, 1, 1, 0])],
    ["binary with NUL bytes", bytes("abc", [0], "def")],
    ["invalid UTF-8", bytes([0x61, 0xc3, 0x28])],
    ["a truncated multi-byte character", bytes("ok", [0xe2, 0x82])],
    ["an overlong encoding", bytes([0xc0, 0xaf])],
    ["a UTF-16 surrogate in UTF-8", bytes([0xed, 0xa0, 0x80])],
  ])("refuses %s", (_name, content) => {
    expect(sniffFileType(content)).toBeNull();
  });

  it("judges by content, not by what the name claims", () => {
    // A PNG renamed to .txt is still a PNG; an .exe renamed to .png is still refused.
    expect(sniffFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))?.kind).toBe("image");
    expect(sniffFileType(bytes("MZ", [0x90, 0]))).toBeNull();
  });
});

describe("isUtf8Text", () => {
  it("accepts 4-byte characters and rejects code points past U+10FFFF", () => {
    expect(isUtf8Text(new TextEncoder().encode("emoji 😀"))).toBe(true);
    expect(isUtf8Text(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(false);
  });

  it("does not call an empty file text", () => {
    expect(isUtf8Text(new Uint8Array())).toBe(false);
  });
});

describe("checkAttachment", () => {
  it("refuses files over 25 MB before looking at them", () => {
    expect(checkAttachment(bytes("%PDF-"), MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES + 1)).toEqual({ ok: false, reason: "too_large" });
    expect(checkAttachment(bytes("%PDF-"), MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES).ok).toBe(true);
  });

  it("explains empty and unknown files", () => {
    expect(checkAttachment(new Uint8Array(), MAX_ATTACHMENT_BYTES)).toEqual({ ok: false, reason: "empty" });
    expect(checkAttachment(bytes("MZ", [0x90, 0]), MAX_ATTACHMENT_BYTES)).toEqual({ ok: false, reason: "type_not_accepted" });
  });
});

describe("formatFileSize", () => {
  it.each([
    [120, "120 B"],
    [2048, "2 KB"],
    [26 * 1024 * 1024, "26 MB"],
    [26.25 * 1024 * 1024, "26.3 MB"],
  ])("%d → %s", (size, text) => expect(formatFileSize(size)).toBe(text));
});
