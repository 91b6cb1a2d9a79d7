import { describe, expect, it } from "vitest";
import { z } from "zod";
import { emailField, formValues, optionalText, parseForm } from "./forms";

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
    expect(result.fieldErrors.email[0]).toMatch(/valid email/);
    expect(result.values).toEqual({ email: "nope", note: "too long", count: "0" });
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
