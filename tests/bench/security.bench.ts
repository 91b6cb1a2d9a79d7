/**
 * Bench section `security`, on a fresh migrated embedded database (or BENCH_SECURITY_DATABASE_URL,
 * an admin postgres:// URL, for a scratch database on a server):
 *
 * - sign-in throughput under throttling: right passwords (argon2 verification dominates), wrong
 *   passwords, and attempts from an address that is being held back (refused before any
 *   password work, so an attacker's flood costs little);
 * - the password-reset endpoint (the route's action) for addresses with and without a login,
 *   interleaved: the two p50s should differ by well under 2 ms, because both do the same work.
 *
 * Run alone: `node --import tsx tests/bench/security.bench.ts`.
 */
import { randomUUID } from "node:crypto";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { users } from "#db/schema";
import { hashPassword } from "~/modules/accounts/password.server";
import { signIn } from "~/modules/accounts/sessions.server";
import { action as forgotPassword } from "~/routes/forgot-password";
import { migrateDatabase, openPglite, openPostgres, useDatabase, type DatabaseHandle } from "~/utils/db.server";
import { overrideEnvForTests } from "~/utils/env.server";

type Metric = { metric: string; runs: number; "p50 ms": number; "p95 ms": number; "per second": number };

function summarise(metric: string, times: number[]): Metric {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const total = times.reduce((a, b) => a + b, 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return { metric, runs: times.length, "p50 ms": round(at(50)), "p95 ms": round(at(95)), "per second": Math.round((times.length / total) * 1000) };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn().catch(() => null);
  return performance.now() - start;
}

async function openScratch(): Promise<{ handle: DatabaseHandle; label: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.BENCH_SECURITY_DATABASE_URL;
  if (!adminUrl) {
    const handle = openPglite(undefined);
    await migrateDatabase(handle);
    return { handle, label: "embedded PGlite", drop: () => handle.close() };
  }
  const name = `keydesk_bench_security_${process.pid}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString(), 5);
  await migrateDatabase(handle, url.toString());
  return {
    handle,
    label: "PostgreSQL",
    drop: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export async function runSecurityBench(): Promise<void> {
  overrideEnvForTests({ RESEND_API_KEY: undefined });
  const scratch = await openScratch();
  useDatabase(scratch.handle);
  try {
    const password = "bench password 123";
    const passwordHash = await hashPassword(password);
    const runs = Number(process.env.BENCH_SECURITY_RUNS ?? 200);
    const known = await scratch.handle.db
      .insert(users)
      .values(Array.from({ length: runs + 1 }, (_, i) => ({ email: `bench-${i}@example.com`, name: `Bench ${i}`, role: "customer" as const, passwordHash })))
      .returning({ email: users.email });

    // Sign-in: each attempt from its own address, so only the account+address rule is in play.
    const right: number[] = [];
    const wrong: number[] = [];
    const held: number[] = [];
    for (let i = 0; i < Math.min(runs, 100); i++) {
      right.push(await time(() => signIn({ email: known[i]!.email, password, ipAddress: `10.1.${i >> 8}.${i & 255}` })));
    }
    for (let i = 0; i < Math.min(runs, 100); i++) {
      wrong.push(await time(() => signIn({ email: known[0]!.email, password: "wrong", ipAddress: `10.2.${i >> 8}.${i & 255}` })));
    }
    // One address hammering one account: after the free failures every attempt is refused early.
    for (let i = 0; i < 6; i++) await signIn({ email: known[1]!.email, password: "wrong", ipAddress: "10.3.0.1" }).catch(() => null);
    for (let i = 0; i < runs; i++) held.push(await time(() => signIn({ email: known[1]!.email, password: "wrong", ipAddress: "10.3.0.1" })));

    // Reset requests, interleaved known/unknown, each address once (the first request per address).
    const forKnown: number[] = [];
    const forUnknown: number[] = [];
    const reset = (email: string, i: number) =>
      forgotPassword({
        request: new Request("http://keydesk.test/forgot-password", {
          method: "POST",
          body: new URLSearchParams({ email }),
          headers: { "x-keydesk-client-ip": `10.4.${i >> 8}.${i & 255}` },
        }),
        params: {},
        context: {},
      });
    for (let i = 0; i < 10; i++) {
      await reset(`warm-${randomUUID()}@example.com`, 60_000 + i);
    }
    for (let i = 0; i < runs; i++) {
      forKnown.push(await time(() => reset(known[i]!.email, i)));
      forUnknown.push(await time(() => reset(`nobody-${i}-${randomUUID()}@example.com`, i + 30_000)));
    }

    const knownSummary = summarise("reset request, address with a login", forKnown);
    const unknownSummary = summarise("reset request, address without a login", forUnknown);
    console.log(`\n== security (${scratch.label}) ==`);
    console.table([
      summarise("sign-in, right password", right),
      summarise("sign-in, wrong password (not yet held back)", wrong),
      summarise("sign-in attempt from a held-back address", held),
      knownSummary,
      unknownSummary,
    ]);
    console.log(`  reset p50 difference (known − unknown): ${(knownSummary["p50 ms"] - unknownSummary["p50 ms"]).toFixed(2)} ms`);
  } finally {
    useDatabase(null);
    await scratch.drop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runSecurityBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
