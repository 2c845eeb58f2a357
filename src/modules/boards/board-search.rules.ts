// Finding a board by what a reader types (pure): a code prefix ("0059"), any part of the name
// ("전자"), its initial consonants ("ㅅㅅㅈㅈ", "ㅅㅅ") or a mix ("삼성ㅈ"). A board has a
// few thousand names at most, so matching runs in memory over the directory
// (src/modules/boards/directory.service.ts): under a millisecond for 3,000 boards.

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
const PER_INITIAL = 588; // 21 vowels × 28 finals
const PER_MEDIAL = 28;
/** The 19 initial consonants, in the order of the Unicode syllable block (compatibility jamo). */
const INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";

export const SUGGESTION_LIMIT = 8;
export const QUERY_MAX = 30; // characters: longer is not a company name

function isSyllable(code: number): boolean {
  return code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST;
}

/** The initial consonant of a Hangul syllable ("삼" → "ㅅ"), or the character itself. */
export function initialOf(char: string): string {
  const code = char.codePointAt(0)!;
  return isSyllable(code) ? INITIALS[Math.floor((code - SYLLABLE_FIRST) / PER_INITIAL)]! : char;
}

/** The initials of a name: "삼성전자" → "ㅅㅅㅈㅈ" (other characters kept as they are). */
export function initialsOf(name: string): string {
  return [...name].map(initialOf).join("");
}

/** What names and queries are compared as: NFC, lower case, without spaces. */
export function searchKey(text: string): string {
  return text.normalize("NFC").toLowerCase().replace(/\s+/g, "");
}

/**
 * One character of a query as a test on one character of a name. A lone consonant ("ㅈ")
 * matches any syllable that starts with it; the last syllable, while it is still being typed
 * without its final consonant ("삼서"), matches the syllables it can grow into ("성").
 */
type CharTest = (char: string) => boolean;

function charTest(char: string, last: boolean): CharTest {
  if (INITIALS.includes(char)) return (c) => c === char || initialOf(c) === char;
  const code = char.codePointAt(0)!;
  if (last && isSyllable(code) && (code - SYLLABLE_FIRST) % PER_MEDIAL === 0) {
    const base = code;
    return (c) => {
      const other = c.codePointAt(0)!;
      return other >= base && other < base + PER_MEDIAL;
    };
  }
  return (c) => c === char;
}

export interface NameMatcher {
  /** Where the query first matches in `name` (already a searchKey, as an array of characters), or -1. */
  indexIn(name: readonly string[]): number;
}

/** A matcher for what a reader typed (already a searchKey, non-empty). */
export function nameMatcher(query: string): NameMatcher {
  const chars = [...query];
  const tests = chars.map((c, i) => charTest(c, i === chars.length - 1));
  return {
    indexIn(name) {
      outer: for (let start = 0; start + tests.length <= name.length; start++) {
        for (let i = 0; i < tests.length; i++) if (!tests[i]!(name[start + i]!)) continue outer;
        return start;
      }
      return -1;
    },
  };
}

export interface Searchable {
  stockCode: string;
  key: readonly string[]; // searchKey(stockName) as characters
  keyText: string; // the same as a string
  lastPostNumber: number; // posts on the board: more active boards first among equals
  stockName: string;
}

/** How well a board matches: lower is better; null when it does not. */
export function matchRank(board: Searchable, query: string, matcher: NameMatcher): number | null {
  if (board.stockCode === query) return 0;
  if (board.keyText === query) return 1;
  if (/^[0-9]+$/.test(query) && board.stockCode.startsWith(query)) return 2;
  const at = matcher.indexIn(board.key);
  if (at === 0) return 3; // the name starts with it
  if (at > 0) return 4;
  return null;
}

/** Boards matching `typed`, best first: exact code, exact name, prefixes, then anywhere; among equals the busier board. */
export function searchBoards<T extends Searchable>(boards: readonly T[], typed: string, limit: number, offset = 0): { rows: T[]; total: number } {
  const query = searchKey(typed);
  if (query === "") return { rows: [], total: 0 };
  const matcher = nameMatcher(query);
  const ranked: { board: T; rank: number }[] = [];
  for (const board of boards) {
    const rank = matchRank(board, query, matcher);
    if (rank !== null) ranked.push({ board, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || b.board.lastPostNumber - a.board.lastPostNumber || collator.compare(a.board.stockName, b.board.stockName));
  return { rows: ranked.slice(offset, offset + limit).map((r) => r.board), total: ranked.length };
}

export const collator = new Intl.Collator("ko");

/** The directory's groups: ㄱ–ㅎ (double consonants with their single), A–Z, and the rest. */
export const HANGUL_GROUPS = ["ㄱ", "ㄴ", "ㄷ", "ㄹ", "ㅁ", "ㅂ", "ㅅ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"] as const;
export const LATIN_GROUPS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
export const OTHER_GROUP = "0-9";
export const DIRECTORY_GROUPS: readonly string[] = [...HANGUL_GROUPS, ...LATIN_GROUPS, OTHER_GROUP];

const DOUBLE_TO_SINGLE: Record<string, string> = { ㄲ: "ㄱ", ㄸ: "ㄷ", ㅃ: "ㅂ", ㅆ: "ㅅ", ㅉ: "ㅈ" };

/** The directory group of a name: its first character's initial, its first Latin letter, or 0-9. */
export function directoryGroup(name: string): string {
  const first = [...name.normalize("NFC").trim()][0] ?? "";
  const initial = initialOf(first);
  if (INITIALS.includes(initial)) return DOUBLE_TO_SINGLE[initial] ?? initial;
  const upper = first.toUpperCase();
  if (upper >= "A" && upper <= "Z" && upper.length === 1) return upper;
  return OTHER_GROUP;
}
