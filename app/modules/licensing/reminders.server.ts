import { and, asc, eq, gt, isNotNull, isNull, lte } from "drizzle-orm";
import { licences, organisations, products, renewalReminders, users } from "#db/schema";
import { db } from "~/utils/db.server";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { formattersFor } from "./eligibility-messages";
import { formatLicenceKey } from "./licence-key";
import { dueReminderKind, reminderWindow } from "./reminders";
import { renewalPrice } from "./renewal-pricing";

/**
 * The daily reminder job (also runnable by hand with an injected `now`). For each paid, activated,
 * live licence whose term ends within the window it sends the one reminder due now, to the
 * organisation's primary contacts (or its email). The renewal_reminders row — unique per licence,
 * kind and term end — is inserted in the same transaction as the emails, so each reminder goes
 * out once however often the job runs; a renewal moves the end, which starts a fresh set.
 * Free products have no term and get none.
 */
export async function sendRenewalReminders(now = new Date()): Promise<{ sent: number; skipped: number }> {
  const { from, to } = reminderWindow(now);
  const candidates = await db
    .select({ licence: licences, product: products, organisationEmail: organisations.email })
    .from(licences)
    .innerJoin(products, eq(products.id, licences.productId))
    .innerJoin(organisations, eq(organisations.id, licences.organisationId))
    .where(
      and(
        gt(licences.supportUntil, from),
        lte(licences.supportUntil, to),
        eq(products.free, false),
        isNull(licences.revokedAt),
        isNull(licences.suspendedAt),
        isNotNull(licences.firstActivatedAt),
      ),
    )
    .orderBy(asc(licences.supportUntil))
    .limit(10_000);
  let sent = 0;
  let skipped = 0;
  for (const { licence, product, organisationEmail } of candidates) {
    const supportUntil = licence.supportUntil!;
    const kind = dueReminderKind(supportUntil, now);
    if (!kind) continue;
    const delivered = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(renewalReminders)
        .values({ licenceId: licence.id, kind, supportUntil, sentAt: now })
        .onConflictDoNothing()
        .returning({ licenceId: renewalReminders.licenceId });
      if (!claimed) return false;
      const contacts = await tx
        .select({ email: users.email, locale: users.locale, timeZone: users.timeZone })
        .from(users)
        .where(and(eq(users.organisationId, licence.organisationId), eq(users.isPrimaryContact, true), isNull(users.deactivatedAt)));
      const recipients = contacts.length > 0 ? contacts : organisationEmail ? [{ email: organisationEmail, locale: "en" as const, timeZone: "Europe/Moscow" }] : [];
      const key = formatLicenceKey(licence.keyCanonical);
      const quote = renewalPrice({ listPriceMinor: product.listPriceMinor, currency: product.currency });
      for (const recipient of recipients) {
        const format = formattersFor(recipient.locale, recipient.timeZone);
        await queueEmail(tx, {
          to: recipient.email,
          template: "licensing.renewal-reminder",
          props: {
            locale: recipient.locale,
            kind,
            productName: product.name,
            licenceKey: key,
            host: licence.productionHost,
            endsOn: format.date(supportUntil),
            renewalPrice: format.money(quote),
            renewUrl: `${getEnv().APP_URL}/renew?key=${encodeURIComponent(key)}`,
          },
        });
      }
      return true;
    });
    if (delivered) sent++;
    else skipped++;
  }
  return { sent, skipped };
}
