import { eq } from "drizzle-orm";
import { attachments, ticketMessages, tickets } from "#db/schema";
import { db, type Executor } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { msg } from "~/utils/messages";
import { deleteStoredFile, fileResponse, storeFile } from "~/utils/files.server";
import { isUuid } from "~/utils/pagination";
import type { Actor } from "../accounts/permissions";
import { checkAttachment, formatFileSize, isInlineImage, MAX_ATTACHMENTS_PER_MESSAGE, MB } from "./file-types";
import { assertCanRead, isCustomer } from "./tickets.server";
import type { Upload } from "./uploads.server";
import { getSettings } from "~/modules/settings/settings.server";

export type StoredUpload = Upload & { storagePath: string; sha256: string; size: number };

/**
 * Writes accepted uploads to file storage before the transaction that records them; the
 * caller removes them again (discardStoredUploads) if that transaction fails. The content is
 * checked again here, so a use case never trusts a caller's checks.
 */
export async function storeUploads(uploads: Upload[]): Promise<StoredUpload[]> {
  if (uploads.length > MAX_ATTACHMENTS_PER_MESSAGE) throw AppError.invalid(msg("tickets.error.tooManyFiles", { max: MAX_ATTACHMENTS_PER_MESSAGE }));
  const maxBytes = (await getSettings()).tickets.maxUploadMb * MB;
  for (const upload of uploads) {
    const check = checkAttachment(upload.bytes, maxBytes);
    if (!check.ok) throw AppError.invalid(msg(`attachments.rejected.${check.reason}`, { name: upload.fileName, size: formatFileSize(upload.bytes.length), max: formatFileSize(maxBytes) }));
    upload.mime = check.type.mime;
  }
  const stored: StoredUpload[] = [];
  try {
    for (const upload of uploads) stored.push({ ...upload, ...(await storeFile("attachments", upload.bytes)) });
  } catch (error) {
    await discardStoredUploads(stored);
    throw error;
  }
  return stored;
}

export async function discardStoredUploads(stored: StoredUpload[]): Promise<void> {
  await Promise.all(stored.map((s) => deleteStoredFile(s.storagePath).catch(() => {})));
}

/** Runs `work` with the uploads stored; removes the files if it throws. */
export async function withStoredUploads<T>(uploads: Upload[], work: (stored: StoredUpload[]) => Promise<T>): Promise<T> {
  const stored = await storeUploads(uploads);
  try {
    return await work(stored);
  } catch (error) {
    await discardStoredUploads(stored);
    throw error;
  }
}

export async function insertAttachments(
  tx: Executor,
  stored: StoredUpload[],
  link: { ticketId: string; messageId: string | null; uploaderId: string },
) {
  if (stored.length === 0) return [];
  return tx
    .insert(attachments)
    .values(
      stored.map((s) => ({
        ticketId: link.ticketId,
        messageId: link.messageId,
        uploaderId: link.uploaderId,
        fileName: s.fileName,
        contentType: s.mime,
        size: s.size,
        sha256: s.sha256,
        storagePath: s.storagePath,
      })),
    )
    .returning({ id: attachments.id, fileName: attachments.fileName });
}

/**
 * A download for someone who may see it: staff with read:ticket:any; a customer only for a
 * ticket of their organisation and never for a file on an internal note. Anything else is
 * not found. Images open inline; everything else downloads, always with nosniff.
 */
export async function attachmentDownload(actor: Actor, attachmentId: string): Promise<Response> {
  if (!isUuid(attachmentId)) throw AppError.notFound();
  const [row] = await db
    .select({ attachment: attachments, organisationId: tickets.organisationId, visibility: ticketMessages.visibility })
    .from(attachments)
    .innerJoin(tickets, eq(tickets.id, attachments.ticketId))
    .leftJoin(ticketMessages, eq(ticketMessages.id, attachments.messageId))
    .where(eq(attachments.id, attachmentId))
    .limit(1);
  if (!row) throw AppError.notFound();
  assertCanRead(actor, { organisationId: row.organisationId });
  if (isCustomer(actor) && row.visibility === "internal") throw AppError.notFound();
  return fileResponse(row.attachment.storagePath, {
    fileName: row.attachment.fileName,
    contentType: row.attachment.contentType,
    sha256: row.attachment.sha256,
    size: row.attachment.size,
    inline: isInlineImage(row.attachment.contentType),
  });
}
