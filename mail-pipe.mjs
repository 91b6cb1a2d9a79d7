#!/usr/bin/env node
/**
 * `npm run --silent mail:pipe` (or `node mail-pipe.mjs`) — the MTA pipe command: reads
 * one RFC 822 message on stdin and posts it to Keydesk's `POST /api/v1/mail/inbound`.
 *
 * Configuration (environment): KEYDESK_URL (else APP_URL, else http://localhost:3000) and
 * MAIL_INBOUND_TOKEN. Exit status as MTAs (Postfix, Exim) understand it (sysexits.h):
 *   0  received (also a redelivered duplicate)
 *   65 EX_DATAERR  the message was refused as such (empty, not a message, too large)
 *   67 EX_NOUSER   the gateway refused it (endpoint off, wrong token): the MTA bounces
 *   75 EX_TEMPFAIL Keydesk unreachable or busy: the MTA keeps the message and retries
 * Plain JavaScript without the app's code, so it starts fast for every message.
 */
const base = (process.env.KEYDESK_URL || process.env.APP_URL || "http://localhost:3000").replace(/\/$/, "");
const token = process.env.MAIL_INBOUND_TOKEN || "";
const EX_DATAERR = 65;
const EX_NOUSER = 67;
const EX_TEMPFAIL = 75;

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function exitCodeFor(status) {
  if (status >= 200 && status < 300) return 0;
  if (status === 401 || status === 403 || status === 404) return EX_NOUSER;
  if (status === 400 || status === 413 || status === 415 || status === 422) return EX_DATAERR;
  return EX_TEMPFAIL;
}

async function main() {
  if (!token) {
    console.error("mail:pipe: MAIL_INBOUND_TOKEN is not set");
    return EX_TEMPFAIL;
  }
  const message = await readStdin();
  if (message.length === 0) {
    console.error("mail:pipe: no message on stdin");
    return EX_DATAERR;
  }
  let response;
  try {
    response = await fetch(`${base}/api/v1/mail/inbound`, {
      method: "POST",
      headers: { "Content-Type": "message/rfc822", Authorization: `Bearer ${token}` },
      body: message,
      signal: globalThis.AbortSignal.timeout(120_000),
    });
  } catch (error) {
    console.error(`mail:pipe: ${base} is not reachable (${error instanceof Error ? error.message : error}); the MTA will retry`);
    return EX_TEMPFAIL;
  }
  const text = await response.text().catch(() => "");
  const code = exitCodeFor(response.status);
  if (code === 0) console.log(text);
  else console.error(`mail:pipe: HTTP ${response.status} ${text}`.slice(0, 500));
  return code;
}

process.exitCode = await main();
