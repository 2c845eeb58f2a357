// 도배 (flood) detection as pure functions: the text's normal form, its hashes, and a MinHash
// signature with LSH bands for near-duplicates (docs/decisions/0015). No I/O.
import crypto from "node:crypto";
import { withoutInvisible } from "../../lib/input.ts";

/** The same post again by the same account within this long is refused. */
export const SAME_POST_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A near-duplicate of the account's posts on other boards within this long … */
export const NEAR_DUPLICATE_WINDOW_MS = 60 * 60 * 1000;
/** … on at least this many other boards is refused (cross-board 도배). */
export const NEAR_DUPLICATE_BOARDS = 2;
/** Estimated Jaccard similarity of the character shingles at or above which texts are "the same". */
export const NEAR_DUPLICATE_SIMILARITY = 0.9;
/** The same body by this many accounts within the window is reported automatically. */
export const SAME_BODY_ACCOUNTS = 3;
export const SAME_BODY_WINDOW_MS = 60 * 60 * 1000;

const SHINGLE = 3; // characters per shingle: short enough for Korean, where a word is 2–4 syllables
export const MINHASH_SIZE = 64; // hashes per signature: the estimate's error is about ±0.04
export const BANDS = 16; // LSH: 16 bands of 4 hashes find pairs at 0.9 with probability > 0.9999
const ROWS = MINHASH_SIZE / BANDS;

/** NFC, lower case, without what shows nothing (the input fields' definition), whitespace runs as one space, trimmed. */
export function normalizeText(text: string): string {
  return withoutInvisible(text.normalize("NFC").toLowerCase()).replace(/\s+/gu, " ").trim();
}

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/** The hashes a new post is looked up by: title and body together, and the body alone. */
export function postHashes(title: string, body: string) {
  return { contentHash: sha256(`${normalizeText(title)}\n${normalizeText(body)}`), bodyHash: sha256(normalizeText(body)) };
}

// FNV-1a, 32 bits: a shingle's base hash.
function fnv1a(text: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// The signature's hash functions: h_i(x) = (a_i·x + b_i) mod 2^32 on the shingle's base hash,
// with fixed odd multipliers from a seeded generator, so signatures are comparable across
// processes and restarts.
const MULTIPLIERS = new Uint32Array(MINHASH_SIZE);
const OFFSETS = new Uint32Array(MINHASH_SIZE);
{
  let state = 0x9e3779b9;
  const nextRandom = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  for (let i = 0; i < MINHASH_SIZE; i++) {
    MULTIPLIERS[i] = nextRandom() | 1;
    OFFSETS[i] = nextRandom();
  }
}

/** The MinHash signature of a text's character shingles (after normalizeText, spaces removed). */
export function minhash(text: string): Uint32Array {
  const compact = normalizeText(text).replace(/ /g, "");
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  const shingles = new Set<number>();
  if (compact.length <= SHINGLE) shingles.add(fnv1a(compact, 0, compact.length));
  else for (let i = 0; i + SHINGLE <= compact.length; i++) shingles.add(fnv1a(compact, i, i + SHINGLE));
  for (const x of shingles) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const h = (Math.imul(MULTIPLIERS[i]!, x) + OFFSETS[i]!) >>> 0;
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return signature;
}

/** The estimated Jaccard similarity of two signatures: the share of equal positions. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a[i] === b[i]) same++;
  return same / MINHASH_SIZE;
}

/** One key per band (a 32-bit hash of the band's number and its hashes), as a signed integer for the database. */
export function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = Math.imul(0x811c9dc5 ^ band, 0x01000193);
    for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ signature[band * ROWS + r]!, 0x01000193);
    keys.push(h | 0);
  }
  return keys;
}

export function encodeSignature(signature: Uint32Array): string {
  return Array.from(signature, (h) => h.toString(16).padStart(8, "0")).join("");
}

export function decodeSignature(text: string): Uint32Array {
  const signature = new Uint32Array(MINHASH_SIZE);
  for (let i = 0; i < MINHASH_SIZE; i++) signature[i] = parseInt(text.slice(i * 8, i * 8 + 8), 16);
  return signature;
}
