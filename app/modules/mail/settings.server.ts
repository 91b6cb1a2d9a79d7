import { eq } from "drizzle-orm";
import { z } from "zod";
import { settings } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db, type Executor } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { AppError } from "~/utils/errors.server";
import { can, type Actor } from "../accounts/permissions";
import { decryptSecret, encryptSecret } from "../tickets/vault.server";
import { extractAddress } from "./rules";
import type { MailSettingsInput } from "./schemas";

/**
 * Mail settings: the `settings` row `mail` — the support address customers write to (Reply-To
 * of ticket emails), what to do with unknown senders, and the IMAP mailbox. The mailbox
 * password is stored encrypted (AES-256-GCM under ENCRYPTION_KEY), like access details.
 */
const storedSchema = z.object({
  supportAddress: z.string().default(""),
  unknownSenders: z.enum(["reject", "hold"]).default("reject"),
  imap: z
    .object({
      enabled: z.boolean().default(false),
      host: z.string().default(""),
      port: z.number().int().min(1).max(65535).default(993),
      secure: z.boolean().default(true),
      user: z.string().default(""),
      passwordCiphertext: z.string().nullable().default(null),
      folder: z.string().default("INBOX"),
      processedFolder: z.string().default("Processed"),
    })
    .default({ enabled: false, host: "", port: 993, secure: true, user: "", passwordCiphertext: null, folder: "INBOX", processedFolder: "Processed" }),
});

export type MailSettings = z.infer<typeof storedSchema>;
export type ImapSettings = MailSettings["imap"];

const PASSWORD_CONTEXT = "mail.imap.password";

export async function getMailSettings(executor: Executor = db): Promise<MailSettings> {
  const [row] = await executor.select({ value: settings.value }).from(settings).where(eq(settings.key, "mail")).limit(1);
  const parsed = storedSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : storedSchema.parse({});
}

/** The mailbox password in clear, for the poller only. */
export function imapPassword(imap: ImapSettings): string {
  return imap.passwordCiphertext ? decryptSecret(imap.passwordCiphertext, getEnv().ENCRYPTION_KEY, PASSWORD_CONTEXT) : "";
}

/** Our own addresses: mail from them is a loop. */
export function ownAddresses(mail: MailSettings): string[] {
  return [extractAddress(getEnv().EMAIL_FROM), extractAddress(mail.supportAddress), extractAddress(mail.imap.user)].filter(Boolean);
}

/** The settings as the admin form shows them (never the password). */
export async function mailSettingsForAdmin(actor: Actor) {
  if (!can(actor, "manage:settings:any")) throw AppError.forbidden();
  const current = await getMailSettings();
  const { passwordCiphertext, ...imap } = current.imap;
  return { ...current, imap: { ...imap, passwordSet: Boolean(passwordCiphertext) } };
}

/** Saves the settings; an empty password field keeps the stored one. */
export async function updateMailSettings(actor: Actor, input: MailSettingsInput, now = new Date()): Promise<void> {
  if (!can(actor, "manage:settings:any")) throw AppError.forbidden();
  await db.transaction(async (tx) => {
    const before = await getMailSettings(tx);
    const passwordCiphertext = input.imapPassword ? encryptSecret(input.imapPassword, getEnv().ENCRYPTION_KEY, PASSWORD_CONTEXT) : before.imap.passwordCiphertext;
    const value: MailSettings = {
      supportAddress: input.supportAddress,
      unknownSenders: input.unknownSenders,
      imap: {
        enabled: input.imapEnabled,
        host: input.imapHost,
        port: input.imapPort,
        secure: input.imapSecure,
        user: input.imapUser,
        passwordCiphertext,
        folder: input.imapFolder,
        processedFolder: input.imapProcessedFolder,
      },
    };
    await tx
      .insert(settings)
      .values({ key: "mail", value, updatedAt: now })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now } });
    const redact = (s: MailSettings) => ({ ...s, imap: { ...s.imap, passwordCiphertext: s.imap.passwordCiphertext ? "set" : null } });
    await recordAudit(tx, { actorId: actor.id, action: "mail.settings_updated", entityType: "settings", entityId: "mail", before: redact(before), after: redact(value) });
  });
}
