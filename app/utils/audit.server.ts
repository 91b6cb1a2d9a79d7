import { auditLog } from "#db/schema";
import type { auditEn } from "~/locales/audit.en";
import type { Executor } from "./db.server";

/**
 * Every action code the audit log may hold: the codes that have a message in the catalogue
 * (`auditAction.<code>`, app/locales/audit.*.ts), so a new code without words does not compile.
 */
export type AuditAction = keyof typeof auditEn extends infer K ? (K extends `auditAction.${infer Code}` ? Code : never) : never;

export type AuditInput = {
  actorId: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

/** Every use case that changes something calls this inside its own transaction. */
export async function recordAudit(executor: Executor, entry: AuditInput): Promise<void> {
  await executor.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: redactSecrets(entry.before) ?? null,
    after: redactSecrets(entry.after) ?? null,
  });
}

const SECRET_KEYS = /password|secret|token|hash|ciphertext/i;

/** Audit entries describe changes; they must never become a second copy of a secret. */
export function redactSecrets(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? "[redacted]" : redactSecrets(v)]),
    );
  }
  return value;
}
