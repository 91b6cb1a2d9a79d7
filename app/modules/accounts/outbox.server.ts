import { and, desc, eq, ilike, lt, or, type SQL } from "drizzle-orm";
import { emails } from "#db/schema";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "./permissions";
import { escapeLike } from "./users.server";

export const OUTBOX_PAGE_SIZE = 50;

/**
 * Emails whose links act for their recipient (set a password, accept an invitation, answer a
 * survey or write a review as the customer): every staff role reads the outbox (SPEC §8), but
 * only an admin reads these bodies — an engineer must not be able to sign in as a customer or
 * rate their own answer.
 */
const WITHHELD_TEMPLATES = new Set(["invitation", "password-reset", "quality.csat-request", "quality.review-invitation"]);

export function mayReadBody(actor: Actor, template: string): boolean {
  return actor.role === "admin" || !WITHHELD_TEMPLATES.has(template);
}

/** Emails newest first, paged by keyset on (created_at, id). */
export async function listEmails(actor: Actor, options: { before?: { at: Date; id: string }; to?: string } = {}) {
  if (!can(actor, "read:email:any")) throw AppError.forbidden();
  const filters: SQL[] = [];
  if (options.before) {
    filters.push(or(lt(emails.createdAt, options.before.at), and(eq(emails.createdAt, options.before.at), lt(emails.id, options.before.id)))!);
  }
  if (options.to) filters.push(ilike(emails.toAddress, `%${escapeLike(options.to)}%`));
  const rows = await db
    .select({
      id: emails.id,
      toAddress: emails.toAddress,
      subject: emails.subject,
      template: emails.template,
      status: emails.status,
      attempts: emails.attempts,
      lastError: emails.lastError,
      createdAt: emails.createdAt,
      sentAt: emails.sentAt,
    })
    .from(emails)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(OUTBOX_PAGE_SIZE + 1);
  const page = rows.slice(0, OUTBOX_PAGE_SIZE);
  const last = page.at(-1);
  return { emails: page, next: rows.length > OUTBOX_PAGE_SIZE && last ? { at: last.createdAt, id: last.id } : null };
}

export async function getEmail(actor: Actor, id: string) {
  if (!can(actor, "read:email:any")) throw AppError.forbidden();
  const [email] = await db.select().from(emails).where(eq(emails.id, id)).limit(1);
  if (!email) throw AppError.notFound();
  if (mayReadBody(actor, email.template)) return { ...email, withheld: false };
  return { ...email, html: "", text: "", withheld: true };
}
