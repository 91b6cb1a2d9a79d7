import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export const TEST_BUCKET = "keydesk-files";

/**
 * A local S3-compatible server (s3rver) for the S3 files backend: real HTTP, real SigV4 requests
 * from the AWS SDK, objects in a temporary folder. Returns the FILES_S3_* settings that reach it.
 */
export async function startS3Server() {
  const directory = mkdtempSync(path.join(tmpdir(), "keydesk-s3-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: TEST_BUCKET }] });
  const { port } = await server.run();
  const env = {
    FILES_S3_BUCKET: TEST_BUCKET,
    FILES_S3_REGION: "us-east-1",
    FILES_S3_ENDPOINT: `http://127.0.0.1:${port}`,
    FILES_S3_FORCE_PATH_STYLE: true,
    // s3rver's fixed test credentials.
    FILES_S3_ACCESS_KEY_ID: "S3RVER",
    FILES_S3_SECRET_ACCESS_KEY: "S3RVER",
    FILES_S3_PREFIX: "",
  };
  return {
    env,
    directory,
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
