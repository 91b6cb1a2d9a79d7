import { render, toPlainText } from "@react-email/render";
import { randomUUID } from "node:crypto";
import { and, asc, eq, lte, sql } from "drizzle-orm";
import { createElement, type ComponentType } from "react";
import { Resend } from "resend";
import { emails, settings } from "#db/schema";
import { emailTemplates, type EmailTemplateName, type EmailTemplates } from "#emails/index";
import { db, type Executor } from "./db.server";
import { getEnv } from "./env.server";
import { runJobAfterCommit } from "./jobs.server";

export const MAX_EMAIL_ATTEMPTS = 5;
const DISPATCH_BATCH_SIZE = 20;

/** The job that sends queued emails; `queueEmail` asks for it after the transaction commits. */
export const DISPATCH_EMAILS_JOB = "emails.dispatch";

/** Minutes to wait before attempt n+1 after n failures: 1, 2, 4, 8… */
export function retryDelayMinutes(failures: number): number {
  return 2 ** Math.max(0, failures - 1);
}

export async function renderEmail<K extends EmailTemplateName>(template: K, props: EmailTemplates[K]) {
  const entry = emailTemplates[template];
  const element = createElement(entry.component as ComponentType<EmailTemplates[K]>, props);
  const html = await render(element);
  return { subject: entry.subject(props), html, text: toPlainText(html) };
}

/** The domain of our Message-IDs: the sender address's (`Keydesk <support@example.com>` → example.com). */
export function messageIdDomain(): string {
  const from = getEnv().EMAIL_FROM;
  const address = /<([^<>\s]+)>/.exec(from)?.[1] ?? from.trim();
  const at = address.lastIndexOf("@");
  return at > 0 ? address.slice(at + 1).toLowerCase() : "keydesk.localhost";
}

/** The address customers write to (mail settings), used as Reply-To of ticket emails. */
async function supportAddress(executor: Executor): Promise<string | null> {
  const [row] = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, "mail")).limit(1);
  const value = (row?.value ?? {}) as { supportAddress?: unknown };
  return typeof value.supportAddress === "string" && value.supportAddress.includes("@") ? value.supportAddress : null;
}

/**
 * Records an email inside the caller's transaction. Without an email provider it lands in the
 * outbox for staff to read; with one it is queued, and the same transaction asks for the
 * dispatcher to run once it commits (docs/decisions/004): the email goes out right after the
 * change it tells of, never for a change that was rolled back, and no caller has to remember
 * to send it. The job runner retries failures.
 *
 * Every email gets a Message-ID of ours (replies quote it; mail carrying one of ours is a loop).
 * An email about a ticket (`ticketId`) also refers to the ticket's thread root and carries the
 * support address as Reply-To, so the customer's reply threads back to the ticket.
 */
export async function queueEmail<K extends EmailTemplateName>(
  executor: Executor,
  message: { to: string; template: K; props: EmailTemplates[K]; ticketId?: string; headers?: Record<string, string> },
): Promise<string> {
  const rendered = await renderEmail(message.template, message.props);
  const deliver = Boolean(getEnv().RESEND_API_KEY);
  const id = randomUUID();
  const domain = messageIdDomain();
  const headers: Record<string, string> = { ...message.headers };
  if (message.ticketId) {
    const root = `<ticket-${message.ticketId}@${domain}>`;
    headers["In-Reply-To"] = root;
    headers["References"] = root;
    const replyTo = await supportAddress(executor);
    if (replyTo) headers["Reply-To"] = replyTo;
  }
  const [row] = await executor
    .insert(emails)
    .values({
      id,
      toAddress: message.to,
      subject: rendered.subject,
      template: message.template,
      html: rendered.html,
      text: rendered.text,
      status: deliver ? "queued" : "outbox",
      nextAttemptAt: deliver ? new Date() : null,
      messageId: `${id}@${domain}`,
      ticketId: message.ticketId ?? null,
      headers,
    })
    .returning({ id: emails.id });
  if (deliver) await runJobAfterCommit(executor, DISPATCH_EMAILS_JOB);
  return row!.id;
}

let resendClient: Resend | null = null;
function resend(): Resend {
  const env = getEnv();
  resendClient ??= new Resend(env.RESEND_API_KEY, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : undefined);
  return resendClient;
}

/** Test hook: the next delivery builds a client from the current configuration. */
export function resetEmailClient(): void {
  resendClient = null;
}

function sendingHeaders(email: typeof emails.$inferSelect): { headers: Record<string, string>; replyTo?: string } {
  const { "Reply-To": replyTo, ...rest } = email.headers ?? {};
  const headers = email.messageId ? { ...rest, "Message-ID": `<${email.messageId}>` } : rest;
  return replyTo ? { headers, replyTo } : { headers };
}

/**
 * Sends queued emails whose time has come. Rows are claimed with SKIP LOCKED, so several app
 * instances can run this at once without sending anything twice.
 */
export async function dispatchQueuedEmails(now = new Date(), batchSize = DISPATCH_BATCH_SIZE): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(emails)
      .where(and(eq(emails.status, "queued"), lte(emails.nextAttemptAt, now)))
      .orderBy(asc(emails.nextAttemptAt))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    for (const email of due) {
      const attempts = email.attempts + 1;
      try {
        const { data, error } = await resend().emails.send({
          from: getEnv().EMAIL_FROM,
          to: email.toAddress,
          subject: email.subject,
          html: email.html,
          text: email.text,
          ...sendingHeaders(email),
        });
        if (error) throw new Error(`${error.name}: ${error.message}`);
        await tx
          .update(emails)
          .set({ status: "sent", attempts, sentAt: now, providerId: data?.id ?? null, lastError: null, nextAttemptAt: null })
          .where(eq(emails.id, email.id));
        sent++;
      } catch (error) {
        const giveUp = attempts >= MAX_EMAIL_ATTEMPTS;
        await tx
          .update(emails)
          .set({
            status: giveUp ? "failed" : "queued",
            attempts,
            lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
            nextAttemptAt: giveUp ? null : sql`${now.toISOString()}::timestamptz + make_interval(mins => ${retryDelayMinutes(attempts)})`,
          })
          .where(eq(emails.id, email.id));
        failed++;
      }
    }
  });
  return { sent, failed };
}

/** Sends every queued email whose time has come, batch after batch (the dispatch job). */
export async function dispatchDueEmails(): Promise<{ sent: number; failed: number }> {
  const total = { sent: 0, failed: 0 };
  // Failed emails wait for their next attempt, so each round takes new rows; the bound is a guard.
  for (let round = 0; round < 100; round++) {
    const { sent, failed } = await dispatchQueuedEmails();
    total.sent += sent;
    total.failed += failed;
    if (sent + failed < DISPATCH_BATCH_SIZE) break;
  }
  return total;
}
