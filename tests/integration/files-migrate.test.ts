import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, isNotNull } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { attachments, releases } from "#db/schema";
import { parseLocator, type FileBackendName } from "~/utils/file-storage/backend";
import { migrateFiles } from "~/utils/file-storage/migrate.server";
import { getFilesSetting } from "~/utils/file-storage/setting.server";
import { db } from "~/utils/db.server";
import { getEnv, overrideEnvForTests } from "~/utils/env.server";
import { storeFile, verifyStoredFile } from "~/utils/files.server";
import { createUser } from "../factories/accounts";
import { createProduct, createRelease } from "../factories/licensing";
import { startS3Server } from "../setup/s3-server";

let s3: Awaited<ReturnType<typeof startS3Server>>;
beforeAll(async () => {
  s3 = await startS3Server();
  overrideEnvForTests({ ...s3.env, FILES_BACKEND: "folder" });
});
afterAll(async () => {
  await s3?.stop();
});

type Row = { table: "attachments" | "releases"; id: string; bytes: Buffer };

async function storedRows(): Promise<{ id: string; path: string; sha256: string; size: number }[]> {
  const a = await db.select({ id: attachments.id, path: attachments.storagePath, sha256: attachments.sha256, size: attachments.size }).from(attachments);
  const r = await db
    .select({ id: releases.id, path: releases.fileStoragePath, sha256: releases.fileSha256, size: releases.fileSize })
    .from(releases)
    .where(isNotNull(releases.fileStoragePath));
  return [...a, ...r].map((x) => ({ id: x.id, path: x.path!, sha256: x.sha256!, size: x.size! }));
}

async function expectAllOn(backend: FileBackendName, rows: Row[]) {
  const stored = await storedRows();
  expect(stored.length).toBeGreaterThanOrEqual(rows.length);
  for (const row of stored) {
    expect(parseLocator(row.path).backend).toBe(backend);
    expect(await verifyStoredFile(row.path, row.sha256, row.size)).toBe("ok");
  }
}

describe("files:migrate", () => {
  const rows: Row[] = [];

  beforeAll(async () => {
    const uploader = await createUser("engineer");
    for (const bytes of [randomBytes(3 * 1024 * 1024 + 17), Buffer.alloc(0), Buffer.from("Привет, файл ✓")]) {
      const stored = await storeFile("attachments", bytes);
      const [row] = await db
        .insert(attachments)
        .values({ uploaderId: uploader.id, fileName: "скриншот.png", contentType: "image/png", size: stored.size, sha256: stored.sha256, storagePath: stored.storagePath })
        .returning({ id: attachments.id });
      rows.push({ table: "attachments", id: row!.id, bytes });
    }
    // A path written before the backends existed: no prefix, a file in the folder.
    const legacyBytes = Buffer.from("release 1.0 package");
    const legacy = await storeFile("releases", legacyBytes, { backend: "folder" });
    const product = await createProduct();
    const release = await createRelease(product.id, "1.0.0", new Date(), {
      fileName: "pkg.zip",
      fileSize: legacy.size,
      fileSha256: legacy.sha256,
      fileStoragePath: parseLocator(legacy.storagePath).key,
    });
    rows.push({ table: "releases", id: release.id, bytes: legacyBytes });
  });

  it("copies folder → database → S3 → folder with checksums, switching new uploads each time", async () => {
    await expectAllOn("folder", rows);
    for (const to of ["database", "s3", "folder"] as const) {
      const lines: string[] = [];
      const report = await migrateFiles(to, { log: (line) => lines.push(line) });
      expect(report.failed).toEqual([]);
      expect(report.switched).toBe(true);
      expect(report.copied).toBeGreaterThanOrEqual(rows.length);
      expect(lines[0]).toMatch(new RegExp(`^${report.copied} stored files to copy to ${to}$`));
      expect(lines.filter((l) => l.includes("copied, checksum verified"))).toHaveLength(report.copied);
      await expectAllOn(to, rows);
      expect(await getFilesSetting()).toEqual({ backend: to });
      expect((await storeFile("attachments", Buffer.from("new upload"))).storagePath).toMatch(new RegExp(`^${to}:`));
      // Running again finds nothing left to do.
      const again = await migrateFiles(to, { log: () => {} });
      expect(again).toMatchObject({ copied: 0, failed: [], switched: true });
    }
  });

  it("stops before switching when a file is damaged, and finishes on the next run once it is mended", async () => {
    const before = await getFilesSetting();
    const [victim] = await db.select().from(attachments).where(eq(attachments.id, rows[2]!.id));
    const file = path.join(getEnv().DATA_DIR, "files", parseLocator(victim!.storagePath).key);
    writeFileSync(file, "not what was uploaded");

    const lines: string[] = [];
    const report = await migrateFiles("database", { log: (line) => lines.push(line) });
    expect(report.switched).toBe(false);
    expect(report.failed).toEqual([expect.objectContaining({ table: "attachments", id: victim!.id, reason: expect.stringMatching(/corrupted/) })]);
    expect(lines.join("\n")).toMatch(/FAILED/);
    expect(await getFilesSetting()).toEqual(before);
    // The rest were copied and now live in the database; the damaged one stayed where it was.
    const [still] = await db.select().from(attachments).where(eq(attachments.id, victim!.id));
    expect(still!.storagePath).toBe(victim!.storagePath);

    writeFileSync(file, rows[2]!.bytes);
    const resumed = await migrateFiles("database", { log: () => {} });
    expect(resumed).toMatchObject({ copied: 1, failed: [], switched: true });
    await expectAllOn("database", rows);
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(process.env.KEYDESK_TEST_DRIVER !== "postgres" || !adminUrl)("npm run files:migrate", () => {
  it("runs from the command line, with progress, and refuses a bad target", async () => {
    const name = `keydesk_files_cli_${process.pid}`;
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${inject("pgTemplate")}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const dataDir = mkdtempSync(path.join(tmpdir(), "keydesk-files-cli-"));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: url.toString(), NODE_ENV: "test", FILES_BACKEND: "" };
      const bad = spawnSync("npm", ["run", "--silent", "files:migrate", "--", "--to", "tape"], { env, encoding: "utf8" });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/--to database\|folder\|s3/);
      const run = spawnSync("npm", ["run", "--silent", "files:migrate", "--", "--to", "folder"], { env, encoding: "utf8", timeout: 150_000 });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^0 stored files to copy to folder$/m);
      expect(run.stdout).toMatch(/New uploads now go to folder/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 180_000);
});
