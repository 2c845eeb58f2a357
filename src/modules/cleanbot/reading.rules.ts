// Text as people read it, for 클린봇's matching (docs/decisions/0033). A writer who wants a
// word past a filter spells it so a reader still sees it: full-width letters (ｏｐｅｎ),
// look-alike letters from other scripts (Cyrillic о), spaces, dots and emoji between the
// letters (시.발, 수 익 보 장), digits stuffed in (시1발), the word spelled out in jamo (ㅅㅣㅂㅏㄹ).
// `readText` undoes all of that in one pass and keeps, for every character it yields, where it
// came from in the original, so a match can be marked in what the person typed.
//
// Two views come out: `letters` (Hangul, jamo and Latin letters; digits dropped, so 시1발 reads
// 시발) for the word lists, and `folded` (the same with every digit kept as `#`) for rules that
// name digits (`#배확정`). Phone numbers and other digit shapes are read by detectors.rules.ts
// from the original text. Everything here is linear in the text's length.
import { canBeChoseong, canBeJongseong, canBeJungseong, combineCharacter, combineVowels } from "es-hangul";
import unhomoglyph from "unhomoglyph";

/** One reading of a text: a character (code point) per slot, with the original's [from, to). */
// Typed arrays sized to the text: a 6,000-character post is read without growing an array.
export interface View {
  length: number;
  chars: Int32Array;
  from: Int32Array;
  to: Int32Array;
  // 1: whitespace stood in the original between this character and the one before it.
  gap: Uint8Array;
}

export interface Reading {
  letters: View;
  // A run of digits is one `#` (10배, 1,234원, 20%: digits with nothing but punctuation between),
  // spanning the whole number in the original (readNumber gives its digits).
  folded: View;
}

// What a typed character is to the views.
const Kind = { Letter: 0, Jamo: 1, Digit: 2, Space: 3, Drop: 4 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

export const HASH = 0x23; // `#`: a number (one or more digits), in the folded view and in rules
const isHangulSyllable = (c: number) => c >= 0xac00 && c <= 0xd7a3;
const isCompatJamo = (c: number) => c >= 0x3131 && c <= 0x318e;
const isJamoVowel = (c: number) => c >= 0x314f && c <= 0x3163;
const DOT_LIKE = /[。．｡·ㆍ•∙⋅]/u;
const LETTER = /\p{L}/u;
const SPACE = /\s/u;

/** What one typed character (not ASCII, not Hangul) reads as: zero or more (kind, code) pairs. */
function readOther(c: string, out: (kind: Kind, code: number) => void): void {
  if (SPACE.test(c)) return out(Kind.Space, 0x20);
  if (DOT_LIKE.test(c)) return out(Kind.Drop, 0);
  // Full-width and other compatibility forms (ｏ, ①, ㈜), then letters that only look Latin.
  const compatible = c.normalize("NFKC");
  if (compatible !== c) {
    for (const n of compatible) {
      const code = n.codePointAt(0)!;
      if (code < 0x80 || isHangulSyllable(code)) readCommon(code, out);
      else readOther(n, out);
    }
    return;
  }
  for (const f of unhomoglyph(c).toLowerCase()) {
    const code = f.codePointAt(0)!;
    if (code < 0x80) readCommon(code, out);
    else if (isHangulSyllable(code)) out(Kind.Letter, code);
    else if (isCompatJamo(code)) out(Kind.Jamo, code);
    else out(LETTER.test(f) ? Kind.Letter : Kind.Drop, code);
  }
}

function readCommon(c: number, out: (kind: Kind, code: number) => void): void {
  if (isHangulSyllable(c)) return out(Kind.Letter, c);
  if (c >= 0x61 && c <= 0x7a) return out(Kind.Letter, c);
  if (c >= 0x41 && c <= 0x5a) return out(Kind.Letter, c + 0x20);
  if (c >= 0x30 && c <= 0x39) return out(Kind.Digit, c);
  if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) return out(Kind.Space, c);
  out(Kind.Drop, c);
}

export function emptyView(capacity: number): View {
  return { length: 0, chars: new Int32Array(capacity), from: new Int32Array(capacity), to: new Int32Array(capacity), gap: new Uint8Array(capacity) };
}

/** Appends one character to a view made with room for it. */
export function pushChar(view: View, char: number, from: number, to: number, gap: boolean): void {
  if (view.length === view.chars.length) grow(view);
  const n = view.length++;
  view.chars[n] = char;
  view.from[n] = from;
  view.to[n] = to;
  view.gap[n] = gap ? 1 : 0;
}

// NFKC can turn one character into several (㈜ is three): the rare text that needs more room.
function grow(view: View): void {
  const size = view.chars.length * 2 + 16;
  for (const key of ["chars", "from", "to"] as const) {
    const next = new Int32Array(size);
    next.set(view[key]);
    view[key] = next;
  }
  const gap = new Uint8Array(size);
  gap.set(view.gap);
  view.gap = gap;
}

/** The characters of a view as a string (for building rules). */
export function viewText(view: View): string {
  return String.fromCodePoint(...view.chars.subarray(0, view.length));
}

const str = (c: number) => String.fromCodePoint(c);

// es-hangul's answers about the 94 compatibility jamo and their syllables, asked once each:
// a text of 12,000 spelled-out syllables asks the same few questions thousands of times.
const JAMO = 0x3131;
const JAMO_COUNT = 0x318f - JAMO;
const ROLE_CHOSEONG = 1;
const ROLE_JUNGSEONG = 2;
const ROLE_JONGSEONG = 4;
const roles = new Uint8Array(JAMO_COUNT).map((_, i) => {
  const c = str(JAMO + i);
  return (canBeChoseong(c) ? ROLE_CHOSEONG : 0) | (canBeJungseong(c) ? ROLE_JUNGSEONG : 0) | (canBeJongseong(c) ? ROLE_JONGSEONG : 0);
});
const role = (c: number, r: number) => c >= JAMO && c < JAMO + JAMO_COUNT && (roles[c - JAMO]! & r) !== 0;
const vowelPairs = new Map<number, number>(); // (a << 16 | b) → the combined vowel, or 0
function combinedVowel(a: number, b: number): number {
  const key = (a << 16) | b;
  let v = vowelPairs.get(key);
  if (v === undefined) {
    const joined = combineVowels(str(a), str(b));
    vowelPairs.set(key, (v = joined.length === 1 ? joined.codePointAt(0)! : 0));
  }
  return v;
}
const syllables = new Map<number, number>(); // cho, jung, jong (or 0) packed → the syllable
function syllable(cho: number, jung: number, jong: number): number {
  const key = (cho - JAMO) * JAMO_COUNT * (JAMO_COUNT + 1) + (jung - JAMO) * (JAMO_COUNT + 1) + (jong === 0 ? 0 : jong - JAMO + 1);
  let s = syllables.get(key);
  if (s === undefined) syllables.set(key, (s = combineCharacter(str(cho), str(jung), jong === 0 ? "" : str(jong)).codePointAt(0)!));
  return s;
}

/**
 * Jamo spelled out (ㅅㅣㅂㅏㄹ) composed into syllables (시발): consonant + vowel (+ a vowel
 * that combines with it) (+ a final consonant not followed by a vowel). A lone consonant stays
 * as it is (ㅅㅂ is matched as its own spelling). One step per jamo: es-hangul's `assemble`
 * re-reads the whole run at each step (100,000 jamo took minutes), so only its per-syllable
 * helpers are used.
 */
function composeJamo(view: View): View {
  const n = view.length;
  let first = 0;
  while (first < n && !isCompatJamo(view.chars[first]!)) first++;
  if (first === n) return view;
  // In place: a syllable takes the slot of its first jamo, so the write index never passes the read index.
  const { chars, from, to, gap } = view;
  const vowel = (i: number) => i < n && isJamoVowel(chars[i]!);
  let w = first;
  for (let i = first; i < n; ) {
    const c = chars[i]!;
    let j = i + 1;
    let v = vowel(j) ? chars[j]! : 0;
    if (v !== 0 && role(c, ROLE_CHOSEONG) && !isJamoVowel(c)) {
      if (vowel(j + 1)) {
        const joined = combinedVowel(v, chars[j + 1]!);
        if (joined !== 0) {
          v = joined;
          j++;
        }
      }
      const f = j + 1 < n ? chars[j + 1]! : 0;
      const final = role(f, ROLE_JONGSEONG) && !isJamoVowel(f) && !vowel(j + 2) ? f : 0;
      if (final !== 0) j++;
      if (role(v, ROLE_JUNGSEONG)) {
        chars[w] = syllable(c, v, final);
        from[w] = from[i]!;
        to[w] = to[j]!;
        gap[w] = gap[i]!;
        w++;
        i = j + 1;
        continue;
      }
    }
    if (w !== i) {
      chars[w] = c;
      from[w] = from[i]!;
      to[w] = to[i]!;
      gap[w] = gap[i]!;
    }
    w++;
    i++;
  }
  view.length = w;
  return view;
}

// The views are rebuilt for every text in the same two buffers: a 6,000-character post would
// otherwise allocate 150 KB of arrays per screening, which is what made the filter's p99.
const lettersScratch = emptyView(1024);
const foldedScratch = emptyView(1024);

/**
 * The two views of `text` (docs/decisions/0033). They are valid until the next call: a caller
 * reads them at once (the filter does) or copies what it keeps (readWord does).
 */
export function readText(text: string): Reading {
  const letters = lettersScratch;
  const folded = foldedScratch;
  letters.length = folded.length = 0;
  let gapLetters = false;
  let gapFolded = false;
  let from = 0;
  let to = 0;
  const out = (kind: Kind, code: number) => {
    if (kind === Kind.Space) {
      gapLetters = gapFolded = true;
      return;
    }
    if (kind === Kind.Drop) return;
    if (kind !== Kind.Digit) {
      pushChar(letters, code, from, to, gapLetters);
      gapLetters = false;
    }
    const last = folded.length - 1;
    if (kind === Kind.Digit && last >= 0 && folded.chars[last] === HASH && !gapFolded) {
      folded.to[last] = to; // the number goes on
      return;
    }
    pushChar(folded, kind === Kind.Digit ? HASH : code, from, to, gapFolded);
    gapFolded = false;
  };
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    from = i;
    to = i + (code > 0xffff ? 2 : 1);
    i = to;
    if (isHangulSyllable(code)) {
      // Most of a Korean text: written straight into both views.
      pushChar(letters, code, from, to, gapLetters);
      pushChar(folded, code, from, to, gapFolded);
      gapLetters = gapFolded = false;
    } else if (code === 0x20) gapLetters = gapFolded = true;
    else if (code < 0x80) readCommon(code, out);
    else if (isCompatJamo(code)) out(Kind.Jamo, code);
    else readOther(text.slice(from, to), out);
  }
  // Composition merges jamo only, so every `#` keeps its position in the original.
  composeJamo(letters);
  composeJamo(folded);
  return { letters, folded };
}

/** A rule's word read the same way as the texts it is matched against. */
/** The digits of the number typed at [from, to) (1,234 is 1234; full-width digits count). */
export function readNumber(text: string, from: number, to: number): string {
  return text.slice(from, to).normalize("NFKC").replace(/[^0-9]/g, "");
}

export function readWord(word: string): { letters: string; folded: number[]; numbers: string[] } {
  // In a rule `#` stands for any number; a typed number stands for itself.
  const { letters, folded } = readText(word.replace(/#/g, "0"));
  const chars = [...folded.chars.subarray(0, folded.length)];
  return {
    letters: viewText(letters),
    folded: chars,
    // The number each `#` must be, or "" for any number.
    numbers: chars.map((ch, i) =>
      ch === HASH && !word.slice(folded.from[i], folded.to[i]).includes("#") ? readNumber(word, folded.from[i]!, folded.to[i]!) : "",
    ),
  };
}
