import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emails, renewalReminders, users } from "#db/schema";
import { sendRenewalReminders } from "~/modules/licensing/reminders.server";
import { addUtcYears } from "~/modules/licensing/support-ledger";
import { db } from "~/utils/db.server";
import { createUser } from "../factories/accounts";
import { createLicence, createProduct } from "../factories/licensing";

const day = 86_400_000;

describe("renewal reminders", () => {
  it("sends 30-day, 7-day and end-day reminders once each, with a renewal link; none for free products", async () => {
    const contact = await createUser("customer", { isPrimaryContact: true, locale: "ru" });
    await db.update(users).set({ isPrimaryContact: true, locale: "ru" }).where(eq(users.id, contact.id));
    const activatedAt = new Date("2030-03-01T09:00:00Z");
    const end = addUtcYears(activatedAt, 1);
    const licence = await createLicence({ organisationId: contact.organisationId!, activatedAt, host: "remind.example.com" });
    const freeProduct = await createProduct({ free: true, listPriceMinor: 0 });
    await createLicence({ product: freeProduct, organisationId: contact.organisationId!, activatedAt, host: "free.example.com", overrides: { supportUntil: end } });

    const mine = () => db.select().from(emails).where(and(eq(emails.toAddress, contact.email), eq(emails.template, "licensing.renewal-reminder")));

    await sendRenewalReminders(new Date(end.getTime() - 40 * day));
    expect(await mine()).toHaveLength(0);

    await sendRenewalReminders(new Date(end.getTime() - 30 * day));
    await sendRenewalReminders(new Date(end.getTime() - 29 * day)); // the next daily run: nothing new
    expect(await mine()).toHaveLength(1);

    await sendRenewalReminders(new Date(end.getTime() - 7 * day));
    await sendRenewalReminders(new Date(end.getTime() - 6 * day));
    await sendRenewalReminders(end);
    await sendRenewalReminders(new Date(end.getTime() + day));
    const sent = await mine();
    expect(sent).toHaveLength(3);
    expect(sent.every((m) => m.text.includes(`/renew?key=${encodeURIComponent(licence.key)}`))).toBe(true);
    expect(sent.some((m) => m.subject.includes("закончились сегодня"))).toBe(true);
    const rows = await db.select().from(renewalReminders).where(inArray(renewalReminders.licenceId, [licence.id]));
    expect(rows.map((r) => r.kind).sort()).toEqual(["day_0", "days_30", "days_7"]);
  });
});
