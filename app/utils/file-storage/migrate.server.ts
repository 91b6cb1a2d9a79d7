import { and, asc, eq, gt, isNotNull, not, like } from "drizzle-orm";
import { attachments, releases } from "#db/schema";
import { db } from "../db.server";
import { copyStoredFile, deleteStoredFile, StoredFileError } from "../files.server";
import { parseLocator, type FileBackendName } from "./backend";
import { setUploadBackend } from "./setting.server";

/**
 * Every table column that points at a stored file. A new kind of upload adds its table here so
 * that `files:migrate` moves its files too.
 */
const REFERENCES = [
  {
    name: "attachments",
    table: attachments,
    id: attachments.id,
    path: attachments.storagePath,
    field: "storagePath",
    sha256: attachments.sha256,
    size: attachments.size,
    present: isNotNull(attachments.storagePath),
  },
  {
    name: "releases",
    table: releases,
    id: releases.id,
    path: releases.fileStoragePath,
    field: "fileStoragePath",
    sha256: releases.fileSha256,
    size: releases.fileSize,
    present: and(isNotNull(releases.fileStoragePath), isNotNull(releases.fileSha256)),
  },
] as const;

export type MigrationReport = {
  to: FileBackendName;
  copied: number;
  bytes: number;
  failed: { table: string; id: string; storagePath: string; reason: string }[];
  switched: boolean;
};

const BATCH = 100;

/** Rows whose file is not on `to` yet (a bare legacy path counts as the folder). */
function notOn(to: FileBackendName, reference: (typeof REFERENCES)[number]) {
  const onTarget = to === "folder" ? not(like(reference.path, "%:%")) : undefined;
  const prefixed = like(reference.path, `${to}:%`);
  return onTarget ? and(not(prefixed), not(onTarget)) : not(prefixed);
}

async function copyPass(to: FileBackendName, report: MigrationReport, options: { deleteSource: boolean; log: (line: string) => void }) {
  for (const reference of REFERENCES) {
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await db
        .select({ id: reference.id, path: reference.path, sha256: reference.sha256, size: reference.size })
        .from(reference.table)
        .where(and(reference.present, notOn(to, reference), gt(reference.id, after)))
        .orderBy(asc(reference.id))
        .limit(BATCH);
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      for (const row of rows) {
        const from = row.path!;
        const label = `${reference.name} ${row.id} (${formatBytes(row.size ?? 0)}) ${parseLocator(from).backend} → ${to}`;
        try {
          const copy = await copyStoredFile(from, to, { sha256: row.sha256! });
          // Only if nobody replaced the file meanwhile (a new release package, say).
          const updated = await db
            .update(reference.table)
            .set({ [reference.field]: copy })
            .where(and(eq(reference.id, row.id), eq(reference.path, from)))
            .returning({ id: reference.id });
          if (updated.length === 0) continue;
          report.copied += 1;
          report.bytes += row.size ?? 0;
          options.log(`[${report.copied + report.failed.length}] ${label}: copied, checksum verified`);
          if (options.deleteSource) await deleteStoredFile(from).catch(() => {});
        } catch (error) {
          const reason = error instanceof StoredFileError ? error.message : error instanceof Error ? error.message : String(error);
          report.failed.push({ table: reference.name, id: row.id, storagePath: from, reason });
          options.log(`[${report.copied + report.failed.length}] ${label}: FAILED — ${reason}`);
        }
      }
    }
  }
}

/** How many stored files are not on `to` yet. */
export async function filesToMigrate(to: FileBackendName): Promise<number> {
  let total = 0;
  for (const reference of REFERENCES) {
    total += await db.$count(reference.table, and(reference.present, notOn(to, reference)));
  }
  return total;
}

/**
 * Copies every stored file to `to`, checking each copy against its recorded SHA-256, and points
 * the record at the copy. When every file made it, new uploads are switched to `to`, and a second
 * pass picks up files uploaded to the old backend meanwhile. Safe to run again at any point:
 * files already on `to` are skipped, and an interrupted copy is simply made again.
 */
export async function migrateFiles(
  to: FileBackendName,
  options: { deleteSource?: boolean; log?: (line: string) => void } = {},
): Promise<MigrationReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const pass = { deleteSource: options.deleteSource ?? false, log };
  const report: MigrationReport = { to, copied: 0, bytes: 0, failed: [], switched: false };
  log(`${await filesToMigrate(to)} stored files to copy to ${to}`);
  await copyPass(to, report, pass);
  if (report.failed.length > 0) {
    log(`${report.failed.length} files could not be copied; new uploads stay where they go now. Fix or remove them and run again.`);
    return report;
  }
  await setUploadBackend(to);
  report.switched = true;
  log(`New uploads now go to ${to}`);
  await copyPass(to, report, pass);
  log(`Done: ${report.copied} files (${formatBytes(report.bytes)}) copied to ${to}${report.failed.length ? `, ${report.failed.length} failed` : ""}`);
  return report;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
