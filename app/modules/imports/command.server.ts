import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { translate, type Locale } from "~/utils/i18n";
import type { MessageKey } from "~/locales/en";
import { currentDatabase, migrateDatabase, openPglite, openPostgres, useDatabase } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { renderMessage } from "~/utils/messages";
import type { Actor } from "../accounts/permissions";
import type { RowResult } from "./engine.server";
import { IMPORT_KINDS, IMPORT_POLICIES, type ImportKind, type ImportPolicy } from "./fields";
import { previewImport, runImport, ImportFileError } from "./imports.server";
import { issueText } from "./messages";

/** The command acts as the system: no user is recorded as its author. */
export const COMMAND_ACTOR: Actor = { id: "", role: "admin", organisationId: null, isPrimaryContact: false };

export type CommandOptions = {
  file: string;
  kind: string | undefined;
  dryRun: boolean;
  onDuplicate: string;
  sheet: string | null;
  json: boolean;
  out: (line: string) => void;
  err: (line: string) => void;
  locale?: Locale;
};

/** One JSON object per row, as documented in the README. */
export function rowJson(row: RowResult, locale: Locale = "en") {
  const render = (issues: RowResult["errors"]) => issues.map((issue) => ({ column: issue.column ?? null, code: issue.code, message: issueText(issue, locale) }));
  return {
    row: row.rowNumber,
    outcome: row.outcome,
    matchedBy: row.matchedBy,
    errors: render(row.errors),
    warnings: render(row.warnings),
    values: row.values,
  };
}

/**
 * Runs one import from the command line. Opens the configured database unless one is already
 * installed (tests); returns the exit code.
 */
export async function runImportCommand(options: CommandOptions): Promise<number> {
  const locale = options.locale ?? "en";
  if (!options.kind || !(IMPORT_KINDS as readonly string[]).includes(options.kind)) {
    options.err(`--kind must be one of: ${IMPORT_KINDS.join(", ")}`);
    return 1;
  }
  if (!(IMPORT_POLICIES as readonly string[]).includes(options.onDuplicate)) {
    options.err(`--on-duplicate must be one of: ${IMPORT_POLICIES.join(", ")}`);
    return 1;
  }
  const filePath = path.resolve(options.file);
  if (!existsSync(filePath)) {
    options.err(`No such file: ${options.file}`);
    return 1;
  }
  let opened: { close: () => Promise<void> } | null = null;
  try {
    currentDatabase();
  } catch {
    const env = getEnv();
    if (env.DATABASE_URL) opened = openPostgres(env.DATABASE_URL, 4);
    else {
      const dir = path.join(env.DATA_DIR, "pglite");
      mkdirSync(dir, { recursive: true });
      opened = openPglite(dir);
      options.err(`Using the embedded database in ${dir}`);
    }
    const handle = opened as ReturnType<typeof openPglite>;
    await migrateDatabase(handle, env.DATABASE_URL);
    useDatabase(handle);
  }
  const input = { filePath, fileName: path.basename(filePath), kind: options.kind as ImportKind, policy: options.onDuplicate as ImportPolicy, sheet: options.sheet };
  const onRow = options.json ? (row: RowResult) => options.out(JSON.stringify(rowJson(row, locale))) : undefined;
  try {
    const counts = options.dryRun
      ? (await previewImport(COMMAND_ACTOR, input, { onRow, limit: 0 })).counts
      : (await runImport(COMMAND_ACTOR, input, { inline: true, onRow })).counts;
    if (options.json) options.out(JSON.stringify({ summary: counts }));
    else {
      options.out(`${options.dryRun ? "Dry run (nothing written)" : "Imported"}: ${input.fileName} as ${input.kind}`);
      for (const [outcome, n] of Object.entries(counts)) options.out(`  ${outcome.padEnd(10)} ${n}`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ImportFileError) {
      options.err(translate(locale, `imports.problem.${error.problem}` as MessageKey, { detail: error.detail ?? "" }));
      return 1;
    }
    if (error instanceof AppError) {
      const missing = (error.fieldErrors?.mapping ?? []).map((f) => translate(locale, `imports.field.${f}` as MessageKey));
      options.err(missing.length > 0 ? translate(locale, "imports.missing", { fields: missing.join(", ") }) : renderMessage(locale, error.userMessage));
      return 1;
    }
    throw error;
  } finally {
    if (opened) {
      useDatabase(null);
      await opened.close();
    }
  }
}
