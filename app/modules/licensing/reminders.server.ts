import { and, asc, eq, gt, isNotNull, isNull, lte } from "drizzle-orm";
import type { Licence, Product } from "#db/schema";
import { licences, organisations, products, renewalReminders, users } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";
import { recordAudit } from "~/utils/audit.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { queueEmail } from "~/utils/email.server";
import { getEnv } from "~/utils/env.server";
import { formattersFor } from "./eligibility-messages";
import { formatLicenceKey } from "./licence-key";
import { dueReminderKind, reminderWindow } from "./reminders";
import { renewalPrice } from "./renewal-pricing";
import { getSettings } from "~/modules/settings/settings.server";

/**
 * The daily reminder job (also runnable by hand with an injected `now`). For each paid, activated,
 * live licence whose term ends within the window it sends the one reminder due now, to the
 * organisation's primary contacts (or its email). The renewal_reminders row — unique per licence,
 * kind and term end — is inserted in the same transaction as the emails, so each reminder goes
 * out once however often the job runs; a renewal moves the end, which starts a fresh set.
 * Free products have no term and get none.
 */
export async function sendRenewalReminders(now = new Date()): Promise<{ sent: number; skipped: number }> {
  const { reminderDays } = (await getSettings()).renewals;
  const { from, to } = reminderWindow(now, reminderDays);
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
    const kind = dueReminderKind(supportUntil, now, reminderDays);
    if (!kind) continue;
    const delivered = await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(renewalReminders)
        .values({ licenceId: licence.id, kind, supportUntil, sentAt: now })
        .onConflictDoNothing()
        .returning({ licenceId: renewalReminders.licenceId });
      if (!claimed) return false;
      await emailRenewalReminder(tx, { licence, product, organisationEmail }, kind);
      return true;
    });
    if (delivered) sent++;
    else skipped++;
  }
  return { sent, skipped };
}

/** Queues the renewal reminder email to the organisation's primary contacts (or its address). */
async function emailRenewalReminder(
  tx: Executor,
  { licence, product, organisationEmail }: { licence: Licence; product: Product; organisationEmail: string | null },
  kind: "days_30" | "days_7" | "day_0",
): Promise<number> {
  const supportUntil = licence.supportUntil!;
  const recipients = await organisationReminderRecipients(tx, licence.organisationId, organisationEmail);
  const key = formatLicenceKey(licence.keyCanonical);
  const quote = renewalPrice({ listPriceMinor: product.listPriceMinor, currency: product.currency, percentage: (await getSettings(tx)).renewals.renewalPercent });
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
  return recipients.length;
}

/**
 * Who gets an organisation's reminders (renewals, a bought plan ending): its active primary
 * contacts, each in their language and zone; without one, the organisation's own address.
 */
export async function organisationReminderRecipients(
  tx: Executor,
  organisationId: string,
  organisationEmail: string | null,
): Promise<Array<{ email: string; locale: "en" | "ru"; timeZone: string }>> {
  const contacts = await tx
    .select({ email: users.email, locale: users.locale, timeZone: users.timeZone })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.isPrimaryContact, true), isNull(users.deactivatedAt)));
  return contacts.length > 0 ? contacts : organisationEmail ? [{ email: organisationEmail, locale: "en", timeZone: "Europe/Moscow" }] : [];
}

/**
 * "Send reminder" from the licences-expiring report: the same email as the daily job, sent now
 * by a team lead or admin. Recorded as a `manual` reminder for this term end (so it is sent once
 * per term end, and the report shows when) and in the audit log.
 */
export async function sendRenewalReminderNow(actor: Actor, licenceId: string, now = new Date()): Promise<{ recipients: number }> {
  if (!can(actor, "update:licence:any")) throw AppError.forbidden();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ licence: licences, product: products, organisationEmail: organisations.email })
      .from(licences)
      .innerJoin(products, eq(products.id, licences.productId))
      .innerJoin(organisations, eq(organisations.id, licences.organisationId))
      .where(eq(licences.id, licenceId))
      .limit(1);
    if (!row) throw AppError.notFound("licence.error.notFound");
    const { licence, product } = row;
    if (product.free || !licence.supportUntil || licence.revokedAt) throw AppError.invalid("licence.error.noTermToRenew");
    const [claimed] = await tx
      .insert(renewalReminders)
      .values({ licenceId: licence.id, kind: "manual", supportUntil: licence.supportUntil, sentAt: now })
      .onConflictDoNothing()
      .returning({ licenceId: renewalReminders.licenceId });
    if (!claimed) throw AppError.conflict("licence.error.reminderSent");
    const daysLeft = (licence.supportUntil.getTime() - now.getTime()) / 86_400_000;
    const recipients = await emailRenewalReminder(tx, row, daysLeft <= 0 ? "day_0" : daysLeft <= 7 ? "days_7" : "days_30");
    await recordAudit(tx, { actorId: actor.id, action: "licence.reminder_sent", entityType: "licence", entityId: licence.id, after: { supportUntil: licence.supportUntil.toISOString(), recipients } });
    return { recipients };
  });
}
