/**
 * Licence keys: `KD-XXXXX-XXXXX-XXXXX-XXXXX-C`.
 *
 * - 20 data characters of Crockford base32 (5 bits each) = exactly 100 random bits,
 *   so keys cannot be guessed or enumerated.
 * - 1 check character, also from the Crockford alphabet, so the whole key stays
 *   URL-safe (Crockford's own mod-37 check symbols `*~$=U` are not).
 *
 * Check scheme: treat each character as an element of GF(32) and require
 *   Σ αⁱ · cᵢ = 0   (i = 0 for the check character, 1..20 for data, right to left)
 * where α is a primitive element. In a field every non-zero weight times a
 * non-zero change is non-zero, so every single-character substitution is caught;
 * swapping neighbours changes the sum by αⁱ(1+α)(a⊕b), also non-zero whenever
 * a ≠ b, so every adjacent transposition (including data ↔ check) is caught.
 * A mod-31 weighted sum would miss 0 ↔ Z (31 ≡ 0), and a mod-37 sum needs 37 symbols.
 *
 * The canonical form (what the database stores and indexes) is the prefix plus
 * all 21 characters with no separators: `KD7F3QKM2X9DTP4VH8RWNCQ`.
 */

export const LICENCE_KEY_PREFIX = "KD";
export const LICENCE_KEY_DATA_LENGTH = 20;
export const LICENCE_KEY_GROUP_LENGTH = 5;

const CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BITS_PER_CHARACTER = 5;
const RANDOM_BYTES_NEEDED = Math.ceil((LICENCE_KEY_DATA_LENGTH * BITS_PER_CHARACTER) / 8);
const CANONICAL_BODY_LENGTH = LICENCE_KEY_DATA_LENGTH + 1;

/** x⁵ + x² + 1, a primitive polynomial of GF(32). */
const GF32_MODULUS = 0b100101;

export type RandomBytes = (length: number) => Uint8Array;

export type LicenceKeyParseResult =
  | { ok: true; canonical: string }
  | { ok: false; reason: "malformed" | "typo" };

export function generateLicenceKey(randomBytes: RandomBytes): string {
  const bytes = randomBytes(RANDOM_BYTES_NEEDED);
  if (bytes.length < RANDOM_BYTES_NEEDED) {
    throw new RangeError(`randomBytes returned ${bytes.length} bytes, need ${RANDOM_BYTES_NEEDED}`);
  }
  const data = bytesToSymbols(bytes, LICENCE_KEY_DATA_LENGTH);
  const body = [...data, checkSymbol(data)].map((symbol) => CROCKFORD_ALPHABET[symbol]).join("");
  return formatLicenceKey(LICENCE_KEY_PREFIX + body);
}

/**
 * Uppercases, drops separators and maps the look-alike letters the way Crockford
 * decoding does (O→0, I/L→1), so a key read aloud or retyped still matches.
 */
export function normaliseLicenceKey(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s\-_]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

/**
 * `malformed`: not shaped like a key at all (wrong length or characters).
 * `typo`: shaped like a key but the check character disagrees — never issued by us.
 * The prefix is optional on input, so a bare 21-character body is accepted.
 */
export function parseLicenceKey(input: string): LicenceKeyParseResult {
  const body = stripPrefix(normaliseLicenceKey(input));
  if (body === null) return { ok: false, reason: "malformed" };
  const symbols = toSymbols(body);
  if (symbols === null) return { ok: false, reason: "malformed" };
  if (weightedSyndrome(symbols) !== 0) return { ok: false, reason: "typo" };
  return { ok: true, canonical: LICENCE_KEY_PREFIX + body };
}

/** Turns the canonical form back into the dashed form shown to people. */
export function formatLicenceKey(canonical: string): string {
  const body = stripPrefix(canonical);
  if (body === null) throw new RangeError("Not a canonical licence key");
  const data = body.slice(0, LICENCE_KEY_DATA_LENGTH);
  const groups = data.match(new RegExp(`.{${LICENCE_KEY_GROUP_LENGTH}}`, "g")) ?? [];
  return [LICENCE_KEY_PREFIX, ...groups, body.slice(LICENCE_KEY_DATA_LENGTH)].join("-");
}

/** A stored key as people read it: the dashed form, or the stored text when it is not canonical (an imported key). */
export function displayLicenceKey(stored: string): string {
  return parseLicenceKey(stored).ok ? formatLicenceKey(stored) : stored;
}

function stripPrefix(normalised: string): string | null {
  if (normalised.length === CANONICAL_BODY_LENGTH) return normalised;
  const hasPrefix =
    normalised.length === LICENCE_KEY_PREFIX.length + CANONICAL_BODY_LENGTH &&
    normalised.startsWith(LICENCE_KEY_PREFIX);
  return hasPrefix ? normalised.slice(LICENCE_KEY_PREFIX.length) : null;
}

function toSymbols(body: string): number[] | null {
  const symbols = [...body].map((character) => CROCKFORD_ALPHABET.indexOf(character));
  return symbols.includes(-1) ? null : symbols;
}

/** Reads the bit stream most-significant bit first; surplus trailing bits are dropped. */
function bytesToSymbols(bytes: Uint8Array, count: number): number[] {
  const symbols: number[] = [];
  let buffer = 0;
  let bufferedBits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bufferedBits += 8;
    while (bufferedBits >= BITS_PER_CHARACTER && symbols.length < count) {
      bufferedBits -= BITS_PER_CHARACTER;
      symbols.push((buffer >> bufferedBits) & 0b11111);
    }
  }
  return symbols;
}

/** The check symbol makes the syndrome of data + check zero; in GF(2ⁿ) minus is plus. */
function checkSymbol(data: number[]): number {
  return weightedSyndrome([...data, 0]);
}

/** Σ αⁱ·cᵢ with the last character weighted α⁰, computed by Horner's rule. */
function weightedSyndrome(symbols: number[]): number {
  return symbols.reduce((sum, symbol) => gf32MultiplyByAlpha(sum) ^ symbol, 0);
}

function gf32MultiplyByAlpha(value: number): number {
  const shifted = value << 1;
  return shifted & 0b100000 ? shifted ^ GF32_MODULUS : shifted;
}
