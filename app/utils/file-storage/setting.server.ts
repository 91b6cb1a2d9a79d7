import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { settings } from "#db/schema";
import { db, type Executor } from "../db.server";
import { getEnv } from "../env.server";
import { FILE_BACKENDS, type FileBackendName } from "./backend";

/**
 * The `settings` row `files`: which backend new uploads go to, written by `files:migrate` once
 * every file has been copied. Without the row, `FILES_BACKEND` (or its default) decides.
 */
export const filesSettingSchema = z.object({ backend: z.enum(FILE_BACKENDS) });
export type FilesSetting = z.infer<typeof filesSettingSchema>;

export async function getFilesSetting(executor: Executor = db): Promise<FilesSetting | null> {
  const [row] = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, "files")).limit(1);
  const stored = filesSettingSchema.safeParse(row?.value);
  return stored.success ? stored.data : null;
}

/** The backend that receives new uploads. Read per upload: every instance follows a switch at once. */
export async function uploadBackendName(executor: Executor = db): Promise<FileBackendName> {
  return (await getFilesSetting(executor))?.backend ?? getEnv().FILES_BACKEND;
}

export async function setUploadBackend(backend: FileBackendName, executor: Executor = db): Promise<void> {
  const value = { backend } satisfies FilesSetting;
  await executor
    .insert(settings)
    .values({ key: "files", value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}
