/**
 * `npm run import -- <file> --kind organisations|contacts|licences [--dry-run]
 *   [--on-duplicate skip|fill|overwrite] [--sheet NAME] [--json]`
 *
 * Imports a CSV or XLSX file into the configured database (DATABASE_URL, or the embedded one in
 * DATA_DIR when no server is using it), with the same use case as the admin page. Exit code 0
 * when it ran (even with row errors), 1 when the file could not be read or the arguments are wrong.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { runImportCommand } from "~/modules/imports/command.server";

const usage =
  "Usage: npm run import -- <file> --kind organisations|contacts|licences [--dry-run] [--on-duplicate skip|fill|overwrite] [--sheet NAME] [--json]";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        kind: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        "on-duplicate": { type: "string", default: "skip" },
        sheet: { type: "string" },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 1;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    console.error(usage);
    return values.help ? 0 : 1;
  }
  const { getEnv } = await import("~/utils/env.server");
  const env = getEnv();
  if (!env.DATABASE_URL) {
    const pidFile = path.join(env.DATA_DIR, "keydesk.pid");
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8")) : NaN;
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) {
      console.error(
        `The embedded database in ${path.join(env.DATA_DIR, "pglite")} is in use by a running Keydesk server (process ${pid}).\n` +
          "Stop the server and run the import again, or set DATABASE_URL to import into a PostgreSQL server.",
      );
      return 1;
    }
  }
  return runImportCommand({
    file: positionals[0]!,
    kind: values.kind,
    dryRun: values["dry-run"]!,
    onDuplicate: values["on-duplicate"]!,
    sheet: values.sheet ?? null,
    json: values.json!,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

process.exitCode = await main();
