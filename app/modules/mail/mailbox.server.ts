import { randomUUID } from "node:crypto";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { ImapFlow } from "imapflow";
import { mailboxPollState } from "#db/schema";
import { db } from "~/utils/db.server";
import { receiveEmail } from "./inbound.server";
import { getMailSettings, imapPassword, type ImapSettings } from "./settings.server";

/**
 * The IMAP mailbox poller (the `mail.poll` job, every minute). Several app instances may run it:
 * a lease row in the database lets one of them poll at a time, and each message is imported
 * through `receiveEmail`, whose Message-ID key makes a second import a no-op anyway.
 *
 * A poll reads the folder's messages that do not carry our `$KeydeskImported` keyword, imports
 * each, then marks it and moves it to the processed folder (a server without MOVE keeps it,
 * marked). With `watchSeconds` the poll stays connected and imports new mail as it arrives
 * (IDLE, where the server supports it) until the time is up. A connection failure is recorded
 * with the server's message and retried with backoff (1, 2, 4 … 60 minutes), never in a loop.
 */

export const IMPORTED_KEYWORD = "$KeydeskImported";
const STATE_ID = "imap";
const BATCH = 100;
const MAX_MESSAGE_BYTES = 60 * 1024 * 1024;

export type PollResult =
  | { status: "disabled" }
  | { status: "busy" }
  | { status: "waiting"; until: Date }
  | { status: "ok"; imported: number; failed: number }
  | { status: "error"; message: string };

export function backoffMinutes(failures: number): number {
  return Math.min(60, 2 ** Math.max(0, failures - 1));
}

async function claimLease(now: Date, holder: string, seconds: number): Promise<"claimed" | "busy" | { waitUntil: Date }> {
  await db.insert(mailboxPollState).values({ id: STATE_ID }).onConflictDoNothing();
  const [claimed] = await db
    .update(mailboxPollState)
    .set({ leaseUntil: new Date(now.getTime() + seconds * 1000), leaseHolder: holder, lastAttemptAt: now })
    .where(
      and(
        eq(mailboxPollState.id, STATE_ID),
        or(isNull(mailboxPollState.leaseUntil), lte(mailboxPollState.leaseUntil, now)),
        or(isNull(mailboxPollState.nextAttemptAt), lte(mailboxPollState.nextAttemptAt, now)),
      ),
    )
    .returning({ id: mailboxPollState.id });
  if (claimed) return "claimed";
  const [state] = await db.select().from(mailboxPollState).where(eq(mailboxPollState.id, STATE_ID));
  if (state?.nextAttemptAt && state.nextAttemptAt > now && !(state.leaseUntil && state.leaseUntil > now)) return { waitUntil: state.nextAttemptAt };
  return "busy";
}

function serverMessage(error: unknown): string {
  const e = error as { responseText?: string; response?: string; message?: string; code?: string };
  return String(e.responseText || e.response || [e.code, e.message].filter(Boolean).join(": ") || error).slice(0, 500);
}

export function imapClient(imap: ImapSettings, password: string): ImapFlow {
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: password },
    logger: false,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 120_000,
  });
}

/** One poll of the configured mailbox. `now` is the clock for the lease and backoff. */
export async function pollMailbox(options: { now?: Date; watchSeconds?: number } = {}): Promise<PollResult> {
  const now = options.now ?? new Date();
  const watchSeconds = options.watchSeconds ?? 0;
  const { imap } = await getMailSettings();
  if (!imap.enabled || !imap.host || !imap.user) return { status: "disabled" };
  const holder = randomUUID();
  const lease = await claimLease(now, holder, watchSeconds + 300);
  if (lease === "busy") return { status: "busy" };
  if (typeof lease === "object") return { status: "waiting", until: lease.waitUntil };

  const client = imapClient(imap, imapPassword(imap));
  client.on("error", () => {}); // a dropped connection surfaces as a failed command below
  let imported = 0;
  let failed = 0;
  try {
    await client.connect();
    const lock = await client.getMailboxLock(imap.folder);
    try {
      await ensureFolder(client, imap.processedFolder);
      const deadline = Date.now() + watchSeconds * 1000;
      for (;;) {
        const batch = await importPending(client, imap, options.now);
        imported += batch.imported;
        failed += batch.failed;
        if (batch.more) continue;
        const remaining = deadline - Date.now();
        if (remaining <= 0) break;
        await waitForNewMail(client, remaining);
      }
    } finally {
      lock.release();
    }
    await client.logout().catch(() => {});
    await db
      .update(mailboxPollState)
      .set({ leaseUntil: null, leaseHolder: null, lastSuccessAt: new Date(), lastError: null, failures: 0, nextAttemptAt: null, lastImported: imported })
      .where(and(eq(mailboxPollState.id, STATE_ID), eq(mailboxPollState.leaseHolder, holder)));
    return { status: "ok", imported, failed };
  } catch (error) {
    client.close();
    const message = serverMessage(error);
    const [state] = await db.select({ failures: mailboxPollState.failures }).from(mailboxPollState).where(eq(mailboxPollState.id, STATE_ID));
    const failures = (state?.failures ?? 0) + 1;
    await db
      .update(mailboxPollState)
      .set({ leaseUntil: null, leaseHolder: null, lastError: message, failures, nextAttemptAt: new Date(now.getTime() + backoffMinutes(failures) * 60_000), lastImported: imported })
      .where(eq(mailboxPollState.id, STATE_ID));
    console.error(`[mail] IMAP poll failed (${failures} in a row): ${message}`);
    return { status: "error", message };
  }
}

async function ensureFolder(client: ImapFlow, folder: string): Promise<void> {
  const list = await client.list();
  if (!list.some((m) => m.path === folder)) await client.mailboxCreate(folder).catch(() => {});
}

async function importPending(client: ImapFlow, imap: ImapSettings, now: Date | undefined): Promise<{ imported: number; failed: number; more: boolean }> {
  const uids = (await client.search({ unKeyword: IMPORTED_KEYWORD }, { uid: true })) || [];
  let imported = 0;
  let failed = 0;
  for (const uid of uids.slice(0, BATCH)) {
    const message = await client.fetchOne(String(uid), { source: true, size: true }, { uid: true });
    if (!message || !message.source) continue;
    if ((message.size ?? message.source.length) > MAX_MESSAGE_BYTES) {
      console.error(`[mail] message ${uid} is larger than ${MAX_MESSAGE_BYTES} bytes: left in the mailbox, marked`);
      await client.messageFlagsAdd(String(uid), [IMPORTED_KEYWORD], { uid: true });
      failed++;
      continue;
    }
    try {
      await receiveEmail(new Uint8Array(message.source), "imap", now ?? new Date());
      imported++;
    } catch (error) {
      // Left unmarked: the next poll tries again (the import is idempotent).
      console.error(`[mail] could not import message ${uid}:`, error);
      failed++;
      continue;
    }
    await client.messageFlagsAdd(String(uid), [IMPORTED_KEYWORD, "\\Seen"], { uid: true });
    await client.messageMove(String(uid), imap.processedFolder, { uid: true }).catch(() => false);
  }
  return { imported, failed, more: uids.length > BATCH };
}

/** Resolves when the server announces new mail (IDLE / NOOP polling by the client) or after `ms`. */
function waitForNewMail(client: ImapFlow, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off("exists", done);
      client.off("close", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    client.on("exists", done);
    client.on("close", done);
    // A held mailbox lock keeps imapflow from idling on its own; the next command ends the IDLE.
    client.idle().catch(done);
  });
}

/** What the admin page shows about the mailbox. */
export async function mailboxStatus() {
  const [state] = await db.select().from(mailboxPollState).where(eq(mailboxPollState.id, STATE_ID));
  return state ?? null;
}
