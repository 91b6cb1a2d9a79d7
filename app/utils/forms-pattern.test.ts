import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseForm, submissionOf } from "~/utils/forms";

/**
 * One form pattern (ADR 059): every form that changes something is an `AppForm`, which checks its
 * fields in the browser with the action's own schema, shows the answer under the fields and
 * disables its submit button while sending. A plain Remix `<Form method="post">` or
 * `fetcher.Form method="post"` is a second pattern and fails here. GET forms (filters, search)
 * change nothing and stay plain.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function tsxFiles(dir: string, into: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) tsxFiles(file, into);
    else if (name.endsWith(".tsx") && !name.endsWith(".test.tsx")) into.push(file);
  }
  return into;
}

/** A form element of Remix (`<Form`, `<fetcher.Form`, `<x.Form`) whose opening tag says method="post". */
const PLAIN_POST_FORM = /<(?:[A-Za-z]+\.)?Form\b(?:[^>]|=>)*?method=["'{]+post/gis;

/** Files not converted yet: the list only shrinks. */
const NOT_YET: string[] = [];

describe("one form pattern", () => {
  it("every POST form is an AppForm", () => {
    const found: Record<string, number> = {};
    for (const file of [...tsxFiles(path.join(root, "app/routes")), ...tsxFiles(path.join(root, "app/components"))]) {
      const relative = path.relative(root, file).split(path.sep).join("/");
      if (relative === "app/components/app-form.tsx" || NOT_YET.includes(relative)) continue;
      const count = [...readFileSync(file, "utf8").matchAll(PLAIN_POST_FORM)].length;
      if (count > 0) found[relative] = count;
    }
    expect(found).toEqual({});
  });

  it("the browser's check is the action's: same data, same field errors with their parameters", () => {
    const schema = z.object({ note: z.string().min(20, "account.error.passwordTooShort"), email: z.email() });
    const formData = new FormData();
    formData.set("note", "too short");
    formData.set("email", "nope");
    const server = parseForm(schema, formData);
    const browser = submissionOf(schema, formData);
    expect(server.ok).toBe(false);
    expect(browser.status).toBe("error");
    if (server.ok || browser.status !== "error") return;
    expect(browser.error).toEqual(server.fieldErrors);
    expect(browser.error?.note).toEqual([{ key: "account.error.passwordTooShort", params: { minimum: 20, origin: "string" } }]);

    formData.set("note", "long enough to be a real note");
    formData.set("email", "someone@example.com");
    const ok = submissionOf(schema, formData);
    expect(ok.status).toBe("success");
    if (ok.status === "success") expect(ok.value).toEqual({ note: "long enough to be a real note", email: "someone@example.com" });
  });
});
