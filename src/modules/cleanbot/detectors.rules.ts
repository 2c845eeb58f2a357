// Shapes no word list can hold (docs/decisions/0033): phone numbers in any spelling, 주민등록번호,
// bank account numbers, messenger links and messenger ids. Each detector reads the original
// text once, left to right, and looks at most a bounded window around what it found, so the
// whole is linear in the text's length.
import unhomoglyph from "unhomoglyph";
import { WordAutomaton } from "../../lib/aho-corasick.ts";
import { emptyView, pushChar, type View } from "./reading.rules.ts";

export interface Detected {
  label: string; // what was found, as the refusal names it
  kind: "phone" | "rrn" | "account" | "chat_link" | "chat_id";
  from: number;
  to: number;
}

// ── digits, however they are spelled ────────────────────────────────────────────────────────

/** A run of digit-like characters, read from the scratch arrays it was found in (no copy). */
interface Run {
  length: number;
  digit(i: number): number; // 0–9: a numeral or look-alike as the digit it stands for
  real: boolean; // every token a typed digit (no numeral, no look-alike)
  from(i: number): number;
  to(i: number): number;
  broken(i: number): boolean; // separators were typed between token i - 1 and token i
  sep(i: number): string; // what they were
}

// 공일공 일이삼사 …: Korean numerals read as digits when they stand among other digit-like
// characters (a numeral glued to a real digit is a unit or a particle: 3일, 5678이).
const NUMERALS = new Map([..."공영일이삼사오육륙칠팔구"].map((c, i) => [c.codePointAt(0)!, "001234566789"[i]!]));
// Letters that pass for digits between digits: 0l0, o1o, ㅇ1ㅇ.
const ALIKES = new Map([..."oOㅇ○◯lI|ㅣ"].map((c, i) => [c.codePointAt(0)!, i < 5 ? "0" : "1"]));
const MAX_SEPARATORS = 4; // "010 ★ 1234": a run of at most this many separators stays one number

const PHONE_LENGTHS = [11, 10, 9]; // the longest first: 010-1234-5678 before 010-123-4567
// An account number is only taken as one next to a word that says so (a bare 12-digit number is
// a trading volume as often as an account).
const BANK_WORDS = /(?:국민|신한|우리|농협|하나|기업|카카오뱅크|카뱅|케이뱅크|토스뱅크|새마을|우체국|수협|씨티|제일|부산|대구|광주|경남|전북|제주|산업|신협|계좌|입금|송금)\S{0,4}\s*$/;

function asDigit(c: number, text: string, from: number, to: number): string | null {
  if (c >= 0x30 && c <= 0x39) return String.fromCharCode(c);
  if (c >= 0x80 && !(c >= 0xac00 && c <= 0xd7a3) && !(c >= 0x3131 && c <= 0x318e)) {
    const n = text.slice(from, to).normalize("NFKC");
    if (n.length === 1 && n >= "0" && n <= "9") return n;
  }
  return null;
}

// Punctuation, symbols, emoji, what shows nothing, and the jamo ㅡ and ㆍ typed as dashes and dots.
const SEPARATOR = /[\s\p{P}\p{S}\p{Default_Ignorable_Code_Point}ㅡㆍ]/u;
const isSeparator = (c: number, text: string, from: number, to: number) =>
  c < 0x80 ? !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) : !(c >= 0xac00 && c <= 0xd7a3) && SEPARATOR.test(text.slice(from, to));

const DIGIT = 0;
const NUMERAL = 1;
const ALIKE = 2;
// The run being read, reused from text to text (a run of a 24,000-digit text grows them once).
let runDigits = new Int32Array(256);
let runKinds = new Uint8Array(256);
let runFroms = new Int32Array(256);
let runTos = new Int32Array(256);

/**
 * Runs of digit-like characters with what separated them (the separators between two tokens
 * are the text between them). Most runs (a price, a date, 이사) are too short to be anything;
 * a long one is handed to `onRun` as a view of the scratch arrays, valid during the call.
 */
function digitRuns(text: string, onRun: (run: Run) => void): void {
  let n = 0;
  let separators = 0; // typed since the last token
  const run: Run = {
    length: 0,
    digit: (i) => runDigits[i]! - 0x30,
    real: false,
    from: (i) => runFroms[i]!,
    to: (i) => runTos[i]!,
    broken: (i) => i > 0 && runFroms[i]! > runTos[i - 1]!,
    sep: (i) => (i > 0 ? text.slice(runTos[i - 1], runFroms[i]) : ""),
  };
  const finish = () => {
    // Look-alike letters count only among digits: a run needs six real digits or numerals.
    if (n >= 9) {
      let real = 0;
      let typed = 0;
      for (let k = 0; k < n; k++) {
        if (runKinds[k] !== ALIKE) real++;
        if (runKinds[k] === DIGIT) typed++;
      }
      if (real >= 6) {
        run.length = n;
        run.real = typed === n;
        onRun(run);
      }
    }
    n = 0;
    separators = 0;
  };
  for (let i = 0; i < text.length; ) {
    const c = text.codePointAt(i)!;
    const from = i;
    i += c > 0xffff ? 2 : 1;
    let kind: number;
    let digit: number;
    if (c >= 0x30 && c <= 0x39) {
      kind = DIGIT;
      digit = c;
    } else if (c >= 0xac00 && c <= 0xd7a3) {
      // Most of a text: a syllable that is no numeral ends a run, and is nothing else here.
      const numeral = NUMERALS.get(c);
      if (numeral === undefined) {
        if (n > 0) finish();
        continue;
      }
      kind = NUMERAL;
      digit = numeral.charCodeAt(0);
    } else {
      const wide = c >= 0x80 ? asDigit(c, text, from, i) : null;
      const alike = wide === null ? ALIKES.get(c) : undefined;
      if (wide !== null || alike !== undefined) {
        kind = wide !== null ? DIGIT : ALIKE;
        digit = (wide ?? alike!).charCodeAt(0);
      } else {
        if (n > 0 && separators < MAX_SEPARATORS && isSeparator(c, text, from, i)) separators++;
        else if (n > 0) finish();
        continue;
      }
    }
    if (n > 0 && separators === 0) {
      const last = runKinds[n - 1];
      if ((kind === NUMERAL && last !== NUMERAL) || (kind === DIGIT && last === NUMERAL)) {
        finish();
        if (kind === NUMERAL) continue; // 3일: the unit, not a digit
      }
    }
    if (n === runDigits.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T) => (b.set(a), b);
      runDigits = grow(runDigits, new Int32Array(n * 2));
      runKinds = grow(runKinds, new Uint8Array(n * 2));
      runFroms = grow(runFroms, new Int32Array(n * 2));
      runTos = grow(runTos, new Int32Array(n * 2));
    }
    runDigits[n] = digit;
    runKinds[n] = kind;
    runFroms[n] = from;
    runTos[n] = i;
    n++;
    separators = 0;
  }
  finish();
}

/**
 * Whether the digits [s, e) are grouped as a phone number is: all together (01012345678), one by
 * one (0 1 0 1 2 …), or as 010-1234-5678 / 02-123-4567. Dates are grouped otherwise
 * (2024-01-01 ~ 2024-12-31 holds 0101202412 across its groups).
 */
function phoneGroups(run: Run, s: number, e: number): boolean {
  // The groups' sizes, counted without an array: this runs for every candidate.
  let groups = 1;
  let size = 1;
  let ones = true;
  let first = 0;
  let second = 0;
  for (let i = s + 1; i < e; i++) {
    if (!run.broken(i)) {
      size++;
      continue;
    }
    if (size !== 1) ones = false;
    if (groups === 1) first = size;
    else if (groups === 2) second = size;
    groups++;
    size = 1;
  }
  if (size !== 1) ones = false;
  if (groups === 1 || ones) return true;
  return groups === 3 && first >= 2 && first <= 4 && second >= 3 && second <= 4 && size === 4;
}

/** Whether the digits [s, s + size) are a Korean phone number's (mobile, area codes, 070, 050x). */
function phoneDigits(run: Run, s: number, size: number): boolean {
  if (run.digit(s) !== 0) return false;
  const a = run.digit(s + 1);
  const b = run.digit(s + 2);
  if (a === 1) return (b === 0 || b === 1 || b >= 6) && (size === 10 || size === 11); // 01X + 7–8
  if (a === 2) return size === 9 || size === 10; // 02 + 7–8
  if (a >= 3 && a <= 6) return b >= 1 && b <= 5 && (size === 10 || size === 11); // 0[3-6][1-5] + 7–8
  if (a === 7) return b === 0 && size === 11; // 070 + 8
  if (a === 5) return b === 0 && size === 11; // 050X + 7
  return false;
}

/** Whether [s, s + 13) reads as a 주민등록번호: a real YYMMDD, then the digit for century and sex. */
function rrnDigits(run: Run, s: number): boolean {
  const month = run.digit(s + 2) * 10 + run.digit(s + 3);
  const day = run.digit(s + 4) * 10 + run.digit(s + 5);
  const sex = run.digit(s + 6);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && sex >= 1 && sex <= 8;
}

const boundary = (run: Run, i: number) => i === 0 || i === run.length || run.broken(i);

function detectNumbers(text: string, found: Detected[]): void {
  digitRuns(text, (run) => {
    const { length } = run;
    const add = (label: string, kind: Detected["kind"], s: number, e: number) => found.push({ label, kind, from: run.from(s), to: run.to(e - 1) });
    const afterBank = run.real && length >= 10 && length <= 14 && BANK_WORDS.test(text.slice(Math.max(0, run.from(0) - 16), run.from(0)));
    let taken = false;
    for (let s = 0; s < length && !afterBank; s++) {
      if (!boundary(run, s)) continue;
      if (run.digit(s) === 0) {
        for (let p = 0; p < PHONE_LENGTHS.length; p++) {
          const size = PHONE_LENGTHS[p]!;
          if (s + size <= length && boundary(run, s + size) && phoneDigits(run, s, size) && phoneGroups(run, s, s + size)) {
            add("전화번호", "phone", s, s + size);
            taken = true;
            s += size - 1;
            break;
          }
        }
        if (taken) continue;
      }
      // 900101-1234567 or 9001011234567: one break at most, after the birth date.
      if (s + 13 <= length && boundary(run, s + 13) && rrnDigits(run, s)) {
        let inner = 0;
        for (let k = s + 1; k < s + 13; k++) if (run.broken(k)) inner++;
        if (inner === 0 || (inner === 1 && run.broken(s + 6))) {
          add("주민등록번호", "rrn", s, s + 13);
          taken = true;
          s += 12;
        }
      }
    }
    if (taken || !run.real || length < 10 || length > 14) return;
    // 110-123-456789: three or more groups joined by hyphens; or any grouping after a bank's name.
    let groups = 1;
    let hyphens = true;
    for (let k = 1; k < length; k++) {
      if (!run.broken(k)) continue;
      groups++;
      if (run.sep(k) !== "-") hyphens = false;
    }
    if ((groups >= 3 && hyphens) || afterBank) add("계좌번호", "account", 0, length);
  });
}

// ── messenger links and ids ─────────────────────────────────────────────────────────────────

// Hosts of the chat rooms 리딩방 recruit into, as they read once dots and spaces are gone
// (open . kakao . com, ｏｐｅｎ。ｋａｋａｏ, open닷kakao): the link view keeps Latin letters,
// digits and `/` only. A key starting with `/` must begin a host (not the end of a longer word).
const CHAT_HOSTS = ["openkakao", "pfkakao", "qrkakao", "/tme/", "telegramme/", "telegramdog/", "bandus/", "discordgg", "discordcom/invite", "discordappcom/invite", "lineme/"];
const CHAT_AUTOMATON = new WordAutomaton(CHAT_HOSTS.map((text, id) => ({ id, text })));
const LINK_END = /[\s\uac00-\ud7a3]/;
// Dots, spaces and what shows nothing, as typed between the letters of a host.
const SKIPPED_IN_HOSTS = /[\s。．｡·ㆍ•\p{Default_Ignorable_Code_Point}]/u;

const SLASH = 0x2f;

// Read and dropped within one call: one view serves every text (it grows as pushChar needs).
const linkScratch = emptyView(1024);

function linkView(text: string): View {
  // A `/` stands in front, so a host at the very start of the text begins after one.
  const view = linkScratch;
  view.length = 0;
  pushChar(view, SLASH, 0, 0, false);
  const push = (f: number, from: number, to: number) => {
    if (f === SLASH && view.chars[view.length - 1] === SLASH) return; // one break is enough
    pushChar(view, f, from, to, false);
  };
  const kept = (f: number) => (f >= 0x61 && f <= 0x7a) || (f >= 0x30 && f <= 0x39) || f === SLASH;
  for (let i = 0; i < text.length; ) {
    const c = text.codePointAt(i)!;
    const from = i;
    i += c > 0xffff ? 2 : 1;
    if (kept(c)) push(c, from, i);
    else if (c >= 0x41 && c <= 0x5a) push(c + 0x20, from, i);
    else if (c === 0x2e || c === 0x20 || c === 0x3a || c === 0xb2f7 /* 닷 */ || c === 0xca5c /* 쩜 */) continue;
    else if (c < 0x80 || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3131 && c <= 0x318e)) push(SLASH, from, i);
    else if (SKIPPED_IN_HOSTS.test(text.slice(from, i))) continue;
    else {
      // Full-width and look-alike letters (ｏｐｅｎ, Cyrillic о) read as the Latin they show.
      // NFKC first: ｍ is m, while the skeleton of m is rn.
      const compatible = text.slice(from, i).normalize("NFKC");
      for (const f of (/^[\x00-\x7f]+$/.test(compatible) ? compatible : unhomoglyph(compatible)).toLowerCase()) {
        const code = f.codePointAt(0)!;
        push(kept(code) ? code : SLASH, from, i);
      }
    }
  }
  return view;
}

function detectChatLinks(text: string, found: Detected[]): void {
  const view = linkView(text);
  for (const hit of CHAT_AUTOMATON.find(view.chars, view.length, 20)) {
    const first = CHAT_HOSTS[hit.id]!.startsWith("/") ? hit.start + 1 : hit.start;
    // The mark runs to the end of the link as typed (the room's path), up to a space or Hangul.
    let to = view.to[hit.end - 1]!;
    while (to < text.length && !LINK_END.test(text[to]!)) to++;
    found.push({ label: "오픈채팅·메신저 링크", kind: "chat_link", from: view.from[first]!, to });
  }
}

/** Words that invite to a chat room when an id follows them (텔레그램 실적 is news, 텔레 abc123 is not). */
export const CHAT_WORDS = ["오픈채팅", "오픈톡", "오픈카톡", "오픈카카오", "단톡", "카톡", "카카오톡", "텔레그램", "텔레", "텔방", "텔그", "디코", "디스코드", "라인아이디", "위챗", "친추"];
const CHAT_WORD_AUTOMATON = new WordAutomaton(CHAT_WORDS.map((text, id) => ({ id, text })));
const ID_WINDOW = 24; // characters after the word where the id is looked for
// An id: Latin letters, digits, `_` or `.`, at least four. Without a marker word (아이디, id,
// 검색, @, :) it must carry a digit or `_`, or be six letters or more (카톡 plus is not an id).
const MARKED_ID = /(?:아이디|id|검색|@|:)\s*@?([a-z0-9_.]{4,24})/;
const BARE_ID = /(?:^|[^a-z0-9_.])([a-z0-9_.]*[0-9_][a-z0-9_.]*|[a-z]{6,})(?![a-z0-9_.])/;

function detectChatIds(letters: View, text: string, found: Detected[], hits: readonly { start: number; end: number }[]): void {
  for (const hit of hits.slice(0, 50)) {
    const after = letters.to[hit.end - 1]!;
    const window = text.slice(after, after + ID_WINDOW).toLowerCase();
    const marked = MARKED_ID.exec(window);
    const match = marked ?? BARE_ID.exec(window);
    const id = match?.[1];
    if (!match || !id || id.replace(/[^a-z0-9]/g, "").length < 4) continue;
    if (!marked && !/[a-z]/.test(id)) continue; // 텔레그램 2024: a year, not an id
    found.push({ label: "메신저 아이디", kind: "chat_id", from: letters.from[hit.start]!, to: after + match.index + match[0].length });
  }
}

/**
 * Everything the detectors find in `text` (`letters`: its letters view, from readText).
 * `chatWords`: where CHAT_WORDS stand in the letters view, when the caller's own pass over it
 * found them (the filter's automaton holds them too, so the view is read once).
 */
export function detectShapes(text: string, letters: View, chatWords?: readonly { start: number; end: number }[]): Detected[] {
  const found: Detected[] = [];
  detectNumbers(text, found);
  detectChatLinks(text, found);
  detectChatIds(letters, text, found, chatWords ?? CHAT_WORD_AUTOMATON.find(letters.chars, letters.length, 50));
  return found;
}
