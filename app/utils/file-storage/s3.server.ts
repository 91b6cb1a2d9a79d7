import type { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { FileBackend } from "./backend";

export type S3Settings = {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Prepended to every key, e.g. `keydesk/` to share a bucket. */
  prefix: string;
};

/** Multipart part size: at most `PART_BYTES × QUEUE` bytes of an upload are in memory at once. */
const PART_BYTES = 5 * 1024 * 1024;
const QUEUE = 2;

function isNotFound(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata?.httpStatusCode === 404;
}

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Yandex Object Storage…) through the official
 * AWS SDK v3. Uploads of unknown length go up in 5 MB parts; small files in one request.
 */
export function s3Backend(settings: S3Settings, client?: S3Client): FileBackend & { client: S3Client } {
  const s3 =
    client ??
    new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.accessKeyId && settings.secretAccessKey
        ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
        : {}),
    });
  const Bucket = settings.bucket;
  const keyOf = (key: string) => `${settings.prefix}${key}`;
  return {
    name: "s3",
    client: s3,
    async store(key, body) {
      const upload = new Upload({
        client: s3,
        params: { Bucket, Key: keyOf(key), Body: body, ContentType: "application/octet-stream" },
        partSize: PART_BYTES,
        queueSize: QUEUE,
        leavePartsOnError: false,
      });
      // A failing source stream must fail the upload (lib-storage would otherwise wait for it).
      await new Promise<void>((resolve, reject) => {
        body.once("error", (error) => {
          void upload.abort().catch(() => {});
          reject(error);
        });
        upload.done().then(() => resolve(), reject);
      });
    },
    async read(key) {
      try {
        const answer = await s3.send(new GetObjectCommand({ Bucket, Key: keyOf(key) }));
        return { stream: answer.Body as Readable, size: Number(answer.ContentLength ?? 0) };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async delete(key) {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: keyOf(key) }));
    },
    async exists(key) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket, Key: keyOf(key) }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
  };
}
