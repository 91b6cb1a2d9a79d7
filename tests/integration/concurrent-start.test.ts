import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { seedDemoData } from "~/demo/seed.server";
import { users } from "#db/schema";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { currentDatabase, migrateDatabase, openPostgres, toNumber, useDatabase } from "~/utils/db.server";
import { storeFileStream, verifyStoredFile } from "~/utils/files.server";
import { startJobs } from "~/utils/jobs.server";
import { count } from "drizzle-orm";

const adminUrl = process.env.TEST_DATABASE_URL;
const onPostgres = process.env.KEYDESK_TEST_DRIVER === "postgres" && !!adminUrl;

/**
 * Two app instances starting at once on one fresh PostgreSQL database: migrations, demo data and
 * the job queues must not race (each once broke start-up with a unique violation or a deadlock),
 * and a file either instance stores in the database is read back by the other.
 */
describe.skipIf(!onPostgres)("two instances starting side by side", () => {
  it("both migrate, seed once and start their job runners", async () => {
    const name = `keydesk_twin_${process.pid}_${Date.now()}`;
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const first = openPostgres(url.toString(), 3);
    const second = openPostgres(url.toString(), 3);
    const bosses: Awaited<ReturnType<typeof startJobs>>[] = [];
    try {
      await Promise.all(
        [first, second].map((handle) => migrateDatabase(handle, url.toString(), async () => void (await seedDemoData(handle.db)))),
      );
      const [row] = await first.db.select({ n: count() }).from(users);
      expect(toNumber(row?.n)).toBe(8);

      const noop = async () => undefined;
      const jobs = [
        { name: "twin.a", run: noop },
        { name: "twin.b", run: noop },
        { name: "twin.c", run: noop },
      ];
      bosses.push(...(await Promise.all([first, second].map((h) => startJobs(h, url.toString(), jobs, { work: false })))));
      expect(bosses).toHaveLength(2);

      // Files: both store at once into the database backend; each reads the other's bytes.
      const previous = currentDatabase();
      try {
        const bytes = [randomBytes(1_500_000), randomBytes(2_500_000)];
        const stored = await Promise.all(
          [first, second].map((handle, i) => storeFileStream("attachments", Readable.from([bytes[i]!]), 10_000_000, { backend: "database", executor: handle.db })),
        );
        useDatabase(second);
        expect(await verifyStoredFile(stored[0]!.storagePath, stored[0]!.sha256, bytes[0]!.length)).toBe("ok");
        useDatabase(first);
        expect(await verifyStoredFile(stored[1]!.storagePath, stored[1]!.sha256, bytes[1]!.length)).toBe("ok");
      } finally {
        useDatabase(previous);
      }
    } finally {
      await Promise.all(bosses.map((b) => b.stop({ graceful: false, wait: true }).catch(() => {})));
      await first.close();
      await second.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
