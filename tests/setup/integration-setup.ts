import path from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import { overrideEnvForTests } from "~/utils/env.server";
import { useDatabase, type DatabaseHandle } from "~/utils/db.server";
import { openPgliteFromTemplate, openPostgresFromTemplate, TMP_DIR } from "./test-database";

// Tests never send real email, never start the job runner and never touch ./data.
process.env.DATA_DIR ??= path.join(TMP_DIR, "data");
process.env.RUN_JOBS = "false";
process.env.NODE_ENV = "test";
overrideEnvForTests({ RESEND_API_KEY: undefined, STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, APP_URL: "http://keydesk.test" });

let handle: (DatabaseHandle & { drop?: () => Promise<void> }) | null = null;

beforeAll(async () => {
  const template = inject("pgTemplate");
  handle = template
    ? await openPostgresFromTemplate(process.env.TEST_DATABASE_URL!, template)
    : await openPgliteFromTemplate();
  useDatabase(handle);
});

afterAll(async () => {
  useDatabase(null);
  if (handle?.drop) await handle.drop();
  else await handle?.close();
});
