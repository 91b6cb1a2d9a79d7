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
const NOT_YET: string[] = [
  "app/components/complaint/answer-form.tsx",
  "app/components/complaint/complaint-steps.tsx",
  "app/components/complaint/findings-panel.tsx",
  "app/components/complaint/remedies-panel.tsx",
  "app/components/complaint/ticket-dossier.tsx",
  "app/components/product-form.tsx",
  "app/components/queue/bulk-bar.tsx",
  "app/components/queue/bulk-confirm.tsx",
  "app/components/queue/queue-sidebar.tsx",
  "app/components/release-form.tsx",
  "app/components/services/service-ui.tsx",
  "app/components/set-password-page.tsx",
  "app/components/shell.tsx",
  "app/components/ticket-workspace/access-panel.tsx",
  "app/components/ticket-workspace/assignment-panel.tsx",
  "app/components/ticket-workspace/reply-panel.tsx",
  "app/components/ticket-workspace/status-panel.tsx",
  "app/components/ticket-workspace/tags-panel.tsx",
  "app/components/tickets/merge-ui.tsx",
  "app/components/time/ticket-timer-panel.tsx",
  "app/routes/admin.backups.tsx",
  "app/routes/admin.calendars.$calendarId.tsx",
  "app/routes/admin.imports._index.tsx",
  "app/routes/admin.imports.preview.$stagedId.tsx",
  "app/routes/admin.mail.tsx",
  "app/routes/admin.plans.$planId.tsx",
  "app/routes/admin.plans._index.tsx",
  "app/routes/admin.services.$serviceId.tsx",
  "app/routes/admin.settings.tsx",
  "app/routes/admin.tags.tsx",
  "app/routes/admin.users.tsx",
  "app/routes/desk.kb.$articleId.tsx",
  "app/routes/desk.licences.$licenceId.tsx",
  "app/routes/desk.macros.tsx",
  "app/routes/desk.organisations.$orgId.tsx",
  "app/routes/desk.organisations.$orgId_.contract.tsx",
  "app/routes/desk.organisations.$orgId_.merge.tsx",
  "app/routes/desk.organisations._index.tsx",
  "app/routes/desk.quality.csat.tsx",
  "app/routes/desk.quality.reviews.tsx",
  "app/routes/desk.quality.root-causes.tsx",
  "app/routes/desk.reports.$name.tsx",
  "app/routes/desk.tickets.$number_.escalate.tsx",
  "app/routes/desk.tickets.$number_.type.tsx",
  "app/routes/desk.tickets.new.tsx",
  "app/routes/desk.time.tsx",
  "app/routes/kb.$lang.$slug.tsx",
  "app/routes/login.tsx",
  "app/routes/login_.two-factor.tsx",
  "app/routes/orders.$orderId.tsx",
  "app/routes/portal.billing.details.tsx",
  "app/routes/portal.complaints.$complaintId.tsx",
  "app/routes/portal.csat.$number.tsx",
  "app/routes/portal.licences.$licenceId.tsx",
  "app/routes/portal.plan.tsx",
  "app/routes/portal.reviews.$productSlug.tsx",
  "app/routes/portal.services.$serviceId.tsx",
  "app/routes/portal.team._index.tsx",
  "app/routes/portal.tickets.$number.tsx",
  "app/routes/portal.tickets.new.tsx",
  "app/routes/portal.usage.buy-hours.tsx",
  "app/routes/products.$slug.tsx",
  "app/routes/profile.tsx",
  "app/routes/profile_.notifications.tsx",
  "app/routes/profile_.password.tsx",
  "app/routes/profile_.sessions.tsx",
  "app/routes/profile_.two-factor.tsx",
  "app/routes/renew.tsx",
];

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
