import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("..", import.meta.url));
const alias = {
  "~": `${root}app`,
  "#db": `${root}db`,
  "#emails": `${root}emails`,
};

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          root,
          include: ["app/**/*.test.ts", "app/**/*.test.tsx", "emails/**/*.test.tsx"],
          environment: "node",
        },
      },
      ...integrationProjects(),
    ],
  },
});

/**
 * Files whose subject is not the database driver — routes rendering and redirecting over use
 * cases the other files run on both drivers, mail transports (IMAP, the MTA pipe, Resend), the
 * mail settings page and the demo seed — run on PGlite only: a second run on PostgreSQL would
 * test the same SQL twice and costs CI minutes.
 */
const PGLITE_ONLY = [
  "tests/integration/copy-to-postgres.test.ts",
  "tests/integration/knowledge-routes.test.ts",
  "tests/integration/time-routes.test.ts",
  "tests/integration/tickets-routes.test.ts",
  "tests/integration/test-factories.test.ts",
  "tests/integration/quality-routes.test.ts",
  "tests/integration/licensing-seed.test.ts",
  "tests/integration/email-delivery.test.ts",
  "tests/integration/mail-channels.test.ts",
  "tests/integration/mail-imap.test.ts",
  "tests/integration/mail-admin.test.ts",
];

/** Integration tests run on PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set. */
function integrationProjects() {
  const drivers = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  return drivers.map((driver) => ({
        resolve: { alias },
        test: {
          name: driver === "pglite" ? "integration" : "integration-pg",
          env: { KEYDESK_TEST_DRIVER: driver },
          root,
          include: ["tests/integration/**/*.test.ts"],
          exclude: driver === "postgres" ? PGLITE_ONLY : [],
          environment: "node",
          globalSetup: ["tests/setup/global-setup.ts"],
          setupFiles: ["tests/setup/integration-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          pool: "forks" as const,
        },
  }));
}
