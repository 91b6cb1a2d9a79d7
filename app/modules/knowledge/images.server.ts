import { and, eq, sql } from "drizzle-orm";
import { kbArticles, kbImages } from "#db/schema";
import { recordAudit } from "~/utils/audit.server";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors.server";
import { fileResponse } from "~/utils/files.server";
import { can, type Actor } from "../accounts/permissions";
import { withStoredUploads } from "../tickets/attachments.server";
import { sniffFileType } from "../tickets/file-types";
import type { Upload } from "../tickets/uploads.server";
import { visibleTo, type KbViewer } from "./articles.server";

/**
 * Images in article bodies: uploaded with the article through the same checks as ticket
 * attachments (size, content sniffed, not the name), and only raster images; the editor puts
 * `![name](/kb/images/<id>)` into the text. Served inline, with the file-download safety headers,
 * to staff and to whoever may read an article that shows it (a staff-only article's images stay
 * staff-only even when the address leaks).
 */
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export function isArticleImage(upload: Upload): boolean {
  const type = sniffFileType(upload.bytes);
  return type !== null && IMAGE_TYPES.has(type.mime);
}

export async function addArticleImages(actor: Actor, uploads: Upload[], now = new Date()): Promise<Array<{ id: string; fileName: string; markdown: string }>> {
  if (!can(actor, "write:article:any")) throw AppError.forbidden();
  if (uploads.length === 0) return [];
  if (!uploads.every(isArticleImage)) throw AppError.invalid("kb.error.image", { images: ["kb.error.image"] });
  return withStoredUploads(uploads, (stored) =>
    db.transaction(async (tx) => {
      const rows = await tx
        .insert(kbImages)
        .values(stored.map((s) => ({ uploaderId: actor.id, fileName: s.fileName, contentType: s.mime, size: s.size, sha256: s.sha256, storagePath: s.storagePath, createdAt: now })))
        .returning({ id: kbImages.id, fileName: kbImages.fileName });
      for (const row of rows) await recordAudit(tx, { actorId: actor.id, action: "kb.image_uploaded", entityType: "kb_image", entityId: row.id, after: { fileName: row.fileName } });
      return rows.map((r) => ({ ...r, markdown: `![${r.fileName.replace(/[[\]]/g, "")}](/kb/images/${r.id})` }));
    }),
  );
}

export async function articleImageResponse(viewer: KbViewer, imageId: string): Promise<Response> {
  if (!/^[0-9a-f-]{36}$/i.test(imageId)) throw AppError.notFound();
  const [image] = await db.select().from(kbImages).where(eq(kbImages.id, imageId)).limit(1);
  if (!image) throw AppError.notFound();
  if (viewer.kind !== "staff") {
    const shownIn = await db
      .select({ id: kbArticles.id })
      .from(kbArticles)
      .where(and(visibleTo(viewer), sql`strpos(${kbArticles.bodyMarkdown}, ${`/kb/images/${image.id}`}) > 0`))
      .limit(1);
    if (shownIn.length === 0) throw AppError.notFound();
  }
  return fileResponse(image.storagePath, { fileName: image.fileName, contentType: image.contentType, sha256: image.sha256, size: image.size, inline: true });
}
