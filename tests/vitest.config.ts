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
