import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { migrateDatabase, openPglite, openPostgres, type DatabaseHandle } from "~/utils/db.server";

export const TMP_DIR = path.resolve(import.meta.dirname, "../.tmp");
const PGLITE_TEMPLATE = path.join(TMP_DIR, "pglite-template.tar.gz");

/** Builds a migrated PGlite once per run; each test file starts from a copy of it. */
export async function buildPgliteTemplate(): Promise<void> {
  mkdirSync(TMP_DIR, { recursive: true });
  const handle = openPglite(undefined);
  await migrateDatabase(handle);
  const client = (handle.db as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir("gzip");
  writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
}

export async function openPgliteFromTemplate(): Promise<DatabaseHandle> {
  return openPglite(undefined, new Blob([readFileSync(PGLITE_TEMPLATE)]));
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export const PG_TEMPLATE_NAME = `keydesk_template_${process.pid}`;

export async function buildPostgresTemplate(adminUrl: string): Promise<string> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${PG_TEMPLATE_NAME}`);
  await admin.unsafe(`create database ${PG_TEMPLATE_NAME}`);
  await admin.end();
  const url = withDatabase(adminUrl, PG_TEMPLATE_NAME);
  const handle = openPostgres(url, 2);
  await migrateDatabase(handle, url);
  await handle.close();
  return PG_TEMPLATE_NAME;
}

export async function dropPostgresTemplate(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/** A fresh database per test file, copied from the migrated template. */
export async function openPostgresFromTemplate(adminUrl: string, template: string): Promise<DatabaseHandle & { drop: () => Promise<void> }> {
  const name = `keydesk_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${template}`);
  await admin.end();
  const handle = openPostgres(withDatabase(adminUrl, name), 5);
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
