import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive the BUILT app (`npm test` builds first; this config never rebuilds)
 * in Chromium against a fresh embedded database.
 */
const root = fileURLToPath(new URL("..", import.meta.url));
// A fixed port, so a stray server is noticed; E2E_PORT moves it when 3100 is taken.
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const tmpDir = path.join(root, "tests", ".tmp");

/** Debian's (or a configured) Chromium first; Playwright's own build only if someone installed it. */
function chromiumExecutable(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"];
  for (const candidate of candidates) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  let managed: string | undefined;
  try {
    managed = chromium.executablePath();
  } catch {
    managed = undefined;
  }
  if (managed && existsSync(managed)) return managed;
  throw new Error(
    "No Chromium found for the end-to-end tests. Install Debian's browser with `apt-get install chromium` " +
      "(or set CHROMIUM_PATH to a Chromium binary), or install Playwright's own with `npx playwright install chromium`.",
  );
}

/**
 * The data folder is chosen once, by the main process; worker processes inherit it through the
 * environment (they load this file again and must not create or delete anything).
 */
function e2eDataDir(): string {
  const existing = process.env.KEYDESK_E2E_DATA_DIR;
  if (existing) return existing;
  const dir = path.join(tmpDir, `e2e-data-${Date.now()}`);
  process.env.KEYDESK_E2E_DATA_DIR = dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  removeStaleDataDirs(dir);
  return dir;
}

/** Folders left by earlier runs (older than ten minutes, so a run in progress is never touched). */
function removeStaleDataDirs(keep: string) {
  const cutoff = Date.now() - 10 * 60 * 1000;
  for (const name of readdirSync(tmpDir)) {
    const full = path.join(tmpDir, name);
    if (!name.startsWith("e2e-data-") || full === keep) continue;
    try {
      if (statSync(full).mtimeMs < cutoff) rmSync(full, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

const dataDir = e2eDataDir();

/**
 * The token of the app's test data endpoint (`factory` in e2e/fixtures.ts, ADR 058): drawn once
 * by the main process, inherited by the workers and given to the server.
 */
process.env.KEYDESK_TEST_FACTORIES_TOKEN ||= randomBytes(24).toString("hex");

export default defineConfig({
  testDir: "./e2e",
  outputDir: path.join(tmpDir, "test-results"),
  fullyParallel: false,
  // One PGlite process serves every test, so one worker by default. No spec relies on the order:
  // each test makes its own data through the factories, or only reads the demo data.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  // Generous per test: several specs walk many pages with axe and wait for background jobs.
  timeout: 90_000,
  // npm test runs the end-to-end tests beside the vitest run on the same cores: room for a slow render.
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    browserName: "chromium",
    locale: "en-GB",
    timezoneId: "Europe/Moscow",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumExecutable(),
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node server.mjs",
    cwd: root,
    url: `${baseURL}/readyz`,
    // The first start seeds the demo and its year of history on a fresh embedded database.
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      RUN_JOBS: "true",
      APP_URL: baseURL,
      // The e2e app always runs on its own embedded database, whatever the shell says.
      DATABASE_URL: "",
      // Emails stay in the local outbox, where the tests read them.
      RESEND_API_KEY: "",
      // The MTA pipe endpoint, for the mail spec.
      MAIL_INBOUND_TOKEN: process.env.E2E_MAIL_INBOUND_TOKEN ?? "e2e-mail-inbound-token-0123456789",
      // Turns on POST /api/test/factories, where the specs make their own data.
      KEYDESK_TEST_FACTORIES_TOKEN: process.env.KEYDESK_TEST_FACTORIES_TOKEN,
      // E2E_SEED_DEMO=false starts on a database without the demo data (the converted specs
      // make their own); unset, the server seeds it as it always has.
      ...(process.env.E2E_SEED_DEMO ? { SEED_DEMO: process.env.E2E_SEED_DEMO } : {}),
    },
  },
});
