import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { accessDetailsSchema, type AccessDetails } from "./access-details";

export { accessDetailsSchema, ACCESS_DETAIL_FIELDS, isEmptyAccessDetails, type AccessDetails } from "./access-details";

/**
 * The access-detail vault: AES-256-GCM with a random 12-byte IV per value and the 16-byte
 * authentication tag, stored as `v1:<iv>:<tag>:<ciphertext>` (each part base64). The version
 * prefix leaves room for key rotation. The key (32 bytes, base64) comes from the caller —
 * use cases pass `getEnv().ENCRYPTION_KEY` — so this file has no configuration of its own.
 * The ticket id is bound as additional authenticated data: a ciphertext copied onto another
 * ticket does not decrypt.
 */
const VERSION = "v1";

function keyFrom(keyBase64: string): Buffer {
  const key = Buffer.from(keyBase64, "base64");
  if (key.length !== 32) throw new Error("The encryption key must be 32 bytes (base64)");
  return key;
}

export function encryptSecret(plaintext: string, keyBase64: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(keyBase64), iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64"), tag.toString("base64"), ciphertext.toString("base64")].join(":");
}

export class VaultError extends Error {
  constructor(message = "The access details cannot be decrypted (wrong key or tampered value)") {
    super(message);
    this.name = "VaultError";
  }
}

/** Throws VaultError on a wrong key, a different ticket, or any changed byte. */
export function decryptSecret(stored: string, keyBase64: string, associatedData: string): string {
  const parts = stored.split(":");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new VaultError("Unknown vault format");
  const [, ivText, tagText, dataText] = parts;
  const iv = Buffer.from(ivText, "base64");
  const tag = Buffer.from(tagText, "base64");
  if (iv.length !== 12 || tag.length !== 16) throw new VaultError("Unknown vault format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(keyBase64), iv);
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new VaultError();
  }
}

export function encryptAccessDetails(details: AccessDetails, keyBase64: string, ticketId: string): string {
  return encryptSecret(JSON.stringify(details), keyBase64, `ticket:${ticketId}`);
}

export function decryptAccessDetails(stored: string, keyBase64: string, ticketId: string): AccessDetails {
  return accessDetailsSchema.parse(JSON.parse(decryptSecret(stored, keyBase64, `ticket:${ticketId}`)));
}
