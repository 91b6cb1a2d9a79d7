import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "~/demo/seed.server";
import { attachments, ticketEvents, ticketMessages, tickets } from "#db/schema";
import { applyRetention, countRows, createBackup, listBackups, type BackupEntry } from "~/modules/backups/backups.server";
import { backupFileName } from "~/modules/backups/schedule";
import { loader as downloadBackup } from "~/routes/admin.backups.$name";
import { createSession } from "~/modules/accounts/auth.server";
import { RestoreRefused, restoreBackup, type RestoreTarget } from "~/modules/backups/restore.server";
import { currentDatabase, db, openPglite, openPostgres, type Database, type DatabaseHandle } from "~/utils/db.server";
import { overrideEnvForTests } from "~/utils/env.server";
import { storeFile } from "~/utils/files.server";
import { createUser } from "../factories/accounts";

const work = mkdtempSync(path.join(tmpdir(), "keydesk-backups-"));
const onPostgres = () => currentDatabase().kind === "postgres";
let restoreUrl: string | null = null;

beforeAll(async () => {
  overrideEnvForTests({ DATA_DIR: path.join(work, "data"), BACKUP_DIR: path.join(work, "backups"), FILES_BACKEND: "folder" });
  expect(await seedDemoData(db, { history: false })).toBe(true);
});

afterAll(async () => {
  if (restoreUrl) {
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${new URL(restoreUrl).pathname.slice(1)} with (force)`);
    await admin.end();
  }
  rmSync(work, { recursive: true, force: true });
});

/** A ticket with everything that hangs off it, in a stable order. */
async function ticketContents(database: Database, id: string) {
  return {
    ticket: await database.select().from(tickets).where(eq(tickets.id, id)),
    messages: await database.select().from(ticketMessages).where(eq(ticketMessages.ticketId, id)).orderBy(asc(ticketMessages.createdAt), asc(ticketMessages.id)),
    events: await database.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.at), asc(ticketEvents.id)),
    attachments: await database.select().from(attachments).where(eq(attachments.ticketId, id)).orderBy(asc(attachments.id)),
  };
}

async function freshTarget(): Promise<RestoreTarget> {
  const dataDir = path.join(work, "restored");
  if (!onPostgres()) return { driver: "pglite", dataDir };
  const url = new URL(currentDatabase().url!);
  const name = `${url.pathname.slice(1)}_restore`;
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  url.pathname = `/${name}`;
  restoreUrl = url.toString();
  return { driver: "postgres", databaseUrl: restoreUrl, dataDir };
}

describe("backup → restore", () => {
  let entry: BackupEntry;
  let target: RestoreTarget;
  const fileBytes = Buffer.from("Журнал ошибок: backup round trip ✓\n".repeat(100));
  let storagePath: string;

  it("backs up seeded data with its files and restores it into a fresh database: every table's rows and a ticket's full contents", async () => {
    // A ticket attachment in the folder backend, so the archive carries files too.
    const stored = await storeFile("attachments", fileBytes);
    storagePath = stored.storagePath;
    const [ticket] = await db.select().from(tickets).orderBy(asc(tickets.number)).limit(1);
    const uploader = await createUser("engineer");
    await db.insert(attachments).values({ ticketId: ticket!.id, uploaderId: uploader.id, fileName: "журнал.log", contentType: "text/plain", size: stored.size, sha256: stored.sha256, storagePath });

    const source = await countRows((text) => currentDatabase().query(text));
    expect(source.tickets).toBeGreaterThan(0);
    expect(source.users).toBeGreaterThan(8);

    entry = await createBackup({ now: new Date("2026-12-02T02:05:00Z") });
    expect(entry.name).toBe("keydesk-backup-20261202T020500Z.tar.gz");
    expect(entry.manifest!.driver).toBe(currentDatabase().kind);
    expect(entry.manifest!.rowCounts).toEqual(source);
    expect(entry.manifest!.migrations.applied).toBeGreaterThan(10);
    expect(entry.manifest!.migrations.last).toMatch(/^\d{4}_/);
    // The demo data's own uploads plus the one above.
    expect(entry.manifest!.files.count).toBeGreaterThan(1);
    expect(entry.manifest!.files.bytes).toBeGreaterThan(fileBytes.length);
    const listed = await listBackups();
    expect(listed.map((b) => [b.name, b.size, b.driver])).toEqual([[entry.name, entry.size, currentDatabase().kind]]);

    target = await freshTarget();
    const report = await restoreBackup(path.join(work, "backups", entry.name), target);
    expect(report.mismatches).toEqual([]);
    expect(report.rowCounts).toEqual(source);
    expect(report.files).toBe(entry.manifest!.files.count);
    const key = storagePath.slice(storagePath.indexOf(":") + 1);
    expect(readFileSync(path.join(target.dataDir, "files", key))).toEqual(fileBytes);

    const restored: DatabaseHandle = target.driver === "postgres" ? openPostgres(target.databaseUrl, 1) : openPglite(path.join(target.dataDir, "pglite"));
    try {
      const before = await ticketContents(db, ticket!.id);
      expect(before.ticket).toHaveLength(1);
      expect(before.messages.length).toBeGreaterThan(0);
      expect(before.attachments).toHaveLength(1);
      expect(await ticketContents(restored.db, ticket!.id)).toEqual(before);
    } finally {
      await restored.close();
    }
  });

  it("refuses to restore into a database that is not empty, before changing anything", async () => {
    const archive = path.join(work, "backups", entry.name);
    await expect(restoreBackup(archive, target)).rejects.toThrow(RestoreRefused);
    await expect(restoreBackup(archive, target)).rejects.toThrow(/not empty/);
    const other: RestoreTarget = target.driver === "postgres" ? { driver: "pglite", dataDir: path.join(work, "x") } : { driver: "postgres", databaseUrl: "postgres://127.0.0.1:1/none", dataDir: path.join(work, "x") };
    await expect(restoreBackup(archive, other)).rejects.toThrow(target.driver === "pglite" ? /embedded database/ : /PostgreSQL database/);
  });

  it("streams an archive to an admin only, and retention keeps 7 daily and 4 weekly", async () => {
    const cookieOf = async (role: "admin" | "team_lead") => (await createSession((await createUser(role)).id, new Request("http://keydesk.test/"))).split(";")[0]!;
    const get = async (role: "admin" | "team_lead", name: string) =>
      downloadBackup({ request: new Request(`http://keydesk.test/admin/backups/${name}`, { headers: { Cookie: await cookieOf(role) } }), params: { name }, context: {} }).catch((thrown: unknown) => thrown as Response);
    const ok = await get("admin", entry.name);
    expect(ok.status).toBe(200);
    // Buffer.equals: toEqual walks megabytes element by element.
    expect(Buffer.from(await ok.arrayBuffer()).equals(readFileSync(path.join(work, "backups", entry.name)))).toBe(true);
    expect((await get("team_lead", entry.name)).status).toBe(403);
    expect((await get("admin", "last-run.json")).status).toBe(404);

    // Sixty nightly archives (empty stand-ins with their manifests) before the real one.
    const dir = path.join(work, "backups");
    for (let day = 1; day <= 60; day++) {
      const name = backupFileName(new Date(Date.UTC(2026, 9, day, 2)));
      writeFileSync(path.join(dir, name), "");
      writeFileSync(path.join(dir, `${name}.json`), "{}");
    }
    const removed = await applyRetention();
    expect(removed).toHaveLength(61 - 9);
    // The real backup (2 Dec, a Wednesday) is this week's; 29 Nov – 24 Nov are the other six days;
    // 29, 22 and 15 Nov end the three weeks before.
    expect((await listBackups()).map((b) => b.createdAt.toISOString().slice(0, 10))).toEqual([
      "2026-12-02", "2026-11-29", "2026-11-28", "2026-11-27", "2026-11-26", "2026-11-25", "2026-11-24", "2026-11-22", "2026-11-15",
    ]);
    expect(readdirSync(dir).filter((n) => n.endsWith(".json") && n !== "last-run.json")).toHaveLength(9);
  });
});
