import { describe, expect, it } from "vitest";
import { z } from "zod";
import { emailField, formValues, optionalText, parseForm } from "./forms";
import { messageKeyOf, renderMessage } from "./messages";

const schema = z.object({ email: emailField, note: optionalText(5), count: z.coerce.number().int().min(1) });

function form(entries: Record<string, string>) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

describe("parseForm", () => {
  it("returns typed data for valid input", () => {
    const result = parseForm(schema, form({ email: " Ann@Example.COM ", note: "", count: "3" }));
    expect(result).toMatchObject({ ok: true, data: { email: "ann@example.com", note: undefined, count: 3 } });
  });

  it("keys errors by field and keeps what was typed", () => {
    const result = parseForm(schema, form({ email: "nope", note: "too long", count: "0" }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["count", "email", "note"]);
    expect(result.fieldErrors.email?.map(messageKeyOf)).toEqual(["validation.email"]);
    expect(result.fieldErrors.note).toEqual([{ key: "validation.tooLong", params: { maximum: 5, origin: "string" } }]);
    expect(result.fieldErrors.count).toEqual([{ key: "validation.tooSmall", params: { minimum: 1, origin: "number" } }]);
    expect(result.values).toEqual({ email: "nope", note: "too long", count: "0" });
  });

  it("never answers with zod's English defaults: every issue is a catalogue message, put in words in the reader's language", () => {
    const strict = z.object({
      title: z.string().trim().min(20),
      rating: z.coerce.number().int().min(1, "validation.choose").max(5, "validation.choose"),
      kind: z.enum(["a", "b"]),
      tags: z.array(z.string()).max(1),
      missing: z.string(),
    });
    const fd = form({ title: "short", rating: "9", kind: "c", tags: "x" });
    fd.append("tags", "y");
    const result = parseForm(strict, fd);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const say = (locale: "en" | "ru", field: string) => (result.fieldErrors[field] ?? []).map((m) => renderMessage(locale, m)).join(" ");
    expect(say("en", "title")).toBe("Enter at least 20 characters");
    expect(say("ru", "title")).toBe("Введите не меньше 20 символов");
    expect(say("ru", "rating")).toBe("Выберите один из вариантов");
    expect(say("ru", "kind")).toBe("Выберите один из вариантов");
    expect(say("ru", "tags")).toBe("Выберите не больше 1 элемента");
    expect(say("ru", "missing")).toBe("Заполните это поле");
    for (const field of Object.keys(result.fieldErrors)) {
      for (const locale of ["en", "ru"] as const) expect(say(locale, field)).not.toMatch(/expected|received|Invalid input|Too (small|big)/);
    }
  });
});

describe("formValues", () => {
  it("never echoes passwords or omitted fields back", () => {
    expect(formValues(form({ email: "a@b.c", password: "x", newPassword: "y", token: "t" }), ["token"])).toEqual({
      email: "a@b.c",
    });
  });
});

describe("NUL characters", () => {
  it("are dropped from parsed data and echoed values, which PostgreSQL text could not store", () => {
    const result = parseForm(schema, form({ email: "ann@example.com", note: "a\u0000b", count: "1" }));
    expect(result).toMatchObject({ ok: true, data: { note: "ab" }, values: { note: "ab" } });
  });
});
