/**
 * Pure rules of TOTP two-factor sign-in (RFC 6238: SHA-1, 6 digits, 30-second steps). The
 * cryptography itself is the `otpauth` library's (see two-factor.server.ts); here: what a code
 * looks like, which step may still be used, and how recovery codes are made and compared.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes from one step before or after the server's clock are accepted (clock skew). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
export const TOTP_ISSUER = "Keydesk";

export type SecondFactorCode = { kind: "totp"; code: string } | { kind: "recovery"; code: string } | null;

/** Spaces and dashes are ignored; six digits are a TOTP code, ten letters/digits a recovery code. */
export function classifyCode(input: string): SecondFactorCode {
  const cleaned = input.replace(/[\s-]/g, "").toLowerCase();
  if (/^\d{6}$/.test(cleaned)) return { kind: "totp", code: cleaned };
  if (/^[a-z0-9]{10}$/.test(cleaned)) return { kind: "recovery", code: cleaned };
  return null;
}

export function stepAt(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** A step may be used only if it is later than the last one used (no replay, no going back). */
export function stepUsable(step: number, lastUsedStep: number | null): boolean {
  return lastUsedStep === null || step > lastUsedStep;
}

// No 0/o, 1/l/i: codes are read off paper.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten-character recovery codes from random bytes (10 bytes per code), shown as `xxxxx-xxxxx`. */
export function recoveryCodesFrom(bytes: Uint8Array, count = RECOVERY_CODE_COUNT): string[] {
  if (bytes.length < count * 10) throw new Error(`Need ${count * 10} random bytes`);
  const codes: string[] = [];
  for (let c = 0; c < count; c++) {
    let code = "";
    for (let i = 0; i < 10; i++) code += ALPHABET[bytes[c * 10 + i]! % ALPHABET.length];
    codes.push(code);
  }
  return codes;
}

export function formatRecoveryCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** The manual key grouped by four for typing into an app. */
export function groupKey(base32: string): string {
  return base32.replace(/(.{4})/g, "$1 ").trim();
}

/** The form field that carries the password or code when a sensitive action asks again. */
export const CONFIRM_FIELD = "confirmSecret";
