import type { TestProject } from "vitest/node";
import { buildPgliteTemplate, buildPostgresTemplate, dropPostgresTemplate } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string | null;
  }
}

/** Migrates once per run: a PGlite template file, and a PostgreSQL template database when configured. */
export default async function setup(project: TestProject) {
  const driver = project.config.env?.KEYDESK_TEST_DRIVER ?? "pglite";
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (driver === "postgres") {
    if (!adminUrl) throw new Error("TEST_DATABASE_URL is needed for the PostgreSQL integration project");
    const name = await buildPostgresTemplate(adminUrl);
    project.provide("pgTemplate", name);
    return async () => dropPostgresTemplate(adminUrl, name);
  }
  await buildPgliteTemplate();
  project.provide("pgTemplate", null);
}
