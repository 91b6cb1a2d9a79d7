import { createHash, timingSafeEqual } from "node:crypto";
import { Resend } from "resend";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { receiveEmail, type ReceiveResult } from "./inbound.server";

/**
 * The two HTTP ways in: the MTA pipe (`POST /api/v1/mail/inbound`, a raw RFC 822 message with
 * a bearer token) and Resend's `email.received` webhook (signed; the message itself is fetched
 * through the Resend SDK's receiving API). The webhook ends in `receiveEmail`; the pipe queues the
 * message for it (queue.server.ts).
 */

/** Larger messages are refused before they are read (the pipe command then reports a permanent failure). */
export const MAX_INBOUND_BYTES = 60 * 1024 * 1024;

function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Throws not-found when the pipe is off (no token configured), forbidden on a wrong token. */
export function authorisePipe(authorization: string | null): void {
  const expected = getEnv().MAIL_INBOUND_TOKEN;
  if (!expected) throw AppError.notFound();
  const given = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]?.trim() ?? "";
  if (!given || !sameSecret(given, expected)) throw AppError.forbidden();
}

type ResendHeaders = { id: string | null; timestamp: string | null; signature: string | null };

let client: Resend | null = null;
let clientKey = "";
function resend(): Resend {
  const env = getEnv();
  const key = `${env.RESEND_API_KEY}|${env.RESEND_BASE_URL ?? ""}`;
  if (!client || clientKey !== key) {
    client = new Resend(env.RESEND_API_KEY, env.RESEND_BASE_URL ? { baseUrl: env.RESEND_BASE_URL } : undefined);
    clientKey = key;
  }
  return client;
}

/**
 * Resend's webhook: verified over the raw body (Standard Webhooks signature), then for
 * `email.received` the message is fetched and received. Other events are acknowledged.
 */
export async function receiveResendWebhook(payload: string, headers: ResendHeaders): Promise<ReceiveResult | { outcome: "ignored" }> {
  const env = getEnv();
  if (!env.RESEND_WEBHOOK_SECRET || !env.RESEND_API_KEY) throw AppError.notFound();
  let event: { type?: string; data?: { email_id?: string } };
  try {
    event = resend().webhooks.verify({
      payload,
      headers: { id: headers.id ?? "", timestamp: headers.timestamp ?? "", signature: headers.signature ?? "" },
      webhookSecret: env.RESEND_WEBHOOK_SECRET,
    }) as typeof event;
  } catch {
    throw AppError.forbidden();
  }
  if (event.type !== "email.received") return { outcome: "ignored" };
  const id = event.data?.email_id;
  if (!id) throw AppError.invalid("mail.error.eventNoEmail");
  const { data, error } = await resend().emails.receiving.get(id);
  if (error || !data) throw new Error(`Resend receiving API: ${error?.message ?? "no data"}`);
  const raw = data.raw?.download_url ? await download(data.raw.download_url) : rebuild(data);
  return receiveEmail(raw, "resend");
}

async function download(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Resend raw download: HTTP ${response.status}`);
  const length = Number(response.headers.get("content-length") ?? 0);
  if (length > MAX_INBOUND_BYTES) throw AppError.invalid("mail.error.tooLarge");
  return new Uint8Array(await response.arrayBuffer());
}

/** Without the raw message, a plain message from the fields Resend parsed (headers, text or HTML). */
function rebuild(data: { from: string; to: string[]; subject: string; message_id: string; text: string | null; html: string | null; headers: Record<string, string> | null }): Uint8Array {
  const clean = (v: string) => v.replace(/[\r\n]+/g, " ");
  const headers = Object.entries(data.headers ?? {}).filter(([k]) => !/^(content-|mime-version|from|to|subject|message-id)/i.test(k));
  const html = !data.text && data.html;
  const lines = [
    `Message-ID: ${clean(data.message_id.startsWith("<") ? data.message_id : `<${data.message_id}>`)}`,
    `From: ${clean(data.from)}`,
    `To: ${clean(data.to.join(", "))}`,
    `Subject: =?UTF-8?B?${Buffer.from(data.subject ?? "").toString("base64")}?=`,
    ...headers.map(([k, v]) => `${clean(k)}: ${clean(v)}`),
    "MIME-Version: 1.0",
    `Content-Type: ${html ? "text/html" : "text/plain"}; charset=utf-8`,
    "Content-Transfer-Encoding: base64",
    "",
    Buffer.from((html ? data.html : data.text) ?? "").toString("base64"),
  ];
  return new Uint8Array(Buffer.from(lines.join("\r\n")));
}
