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
  // A run of digits is one `#` (10배, 1,234원, 20%: digits with nothing but punctuation between);
  // `numbers` holds the digits behind each `#`, by the `#`'s position in the original.
  folded: View & { numbers: Map<number, string> };
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
  const jamo = (i: number) => i < n && isCompatJamo(chars[i]!);
  const vowel = (i: number) => i < n && isJamoVowel(chars[i]!);
  let w = first;
  for (let i = first; i < n; ) {
    const c = chars[i]!;
    if (!isCompatJamo(c) || isJamoVowel(c) || !vowel(i + 1) || !canBeChoseong(str(c))) {
      if (w !== i) {
        chars[w] = c;
        from[w] = from[i]!;
        to[w] = to[i]!;
        gap[w] = gap[i]!;
      }
      w++;
      i++;
      continue;
    }
    let v = str(chars[i + 1]!);
    let j = i + 1;
    if (vowel(j + 1)) {
      const joined = combineVowels(v, str(chars[j + 1]!));
      if (joined.length === 1) {
        v = joined;
        j++;
      }
    }
    let final = "";
    if (jamo(j + 1) && !vowel(j + 1) && !vowel(j + 2) && canBeJongseong(str(chars[j + 1]!))) {
      final = str(chars[j + 1]!);
      j++;
    }
    const composed = canBeJungseong(v);
    chars[w] = composed ? combineCharacter(str(c), v, final).codePointAt(0)! : c;
    from[w] = from[i]!;
    to[w] = to[composed ? j : i]!;
    gap[w] = gap[i]!;
    w++;
    i = composed ? j + 1 : i + 1;
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
  const numbers = new Map<number, string>();
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
      numbers.set(folded.from[last]!, numbers.get(folded.from[last]!)! + String.fromCharCode(code));
      return;
    }
    if (kind === Kind.Digit) numbers.set(from, String.fromCharCode(code));
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
  return { letters, folded: { ...folded, numbers } };
}

/** A rule's word read the same way as the texts it is matched against. */
export function readWord(word: string): { letters: string; folded: number[]; numbers: string[] } {
  // In a rule `#` stands for any number; a typed number stands for itself.
  const { letters, folded } = readText(word.replace(/#/g, "0"));
  const chars = [...folded.chars.subarray(0, folded.length)];
  return {
    letters: viewText(letters),
    folded: chars,
    // The number each `#` must be, or "" for any number.
    numbers: chars.map((ch, i) =>
      ch === HASH && !word.slice(folded.from[i], folded.to[i]).includes("#") ? folded.numbers.get(folded.from[i]!)! : "",
    ),
  };
}
