// Turning text into search tokens, and a query into phrases of tokens (pure). Each database
// writes the phrases in its own full-text syntax (src/db/dialect.ts).
//
// Korean words carry particles and compounds ("삼성전자가"), so whole-word tokens would miss
// "삼성" or "전자". Hangul (and other CJK) runs are indexed as overlapping bigrams:
// "삼성전자" → 삼성 성전 전자, and a query word becomes the phrase of its bigrams, which
// matches it anywhere inside a word. Latin letters and digits are indexed as whole lowercase
// runs and queried as prefixes ("hbm" finds HBM3E). The index only narrows the candidates;
// the final filter is a literal substring match, so results mean what the user typed.
//
// Every search is within one board, so every token carries its board ("b1x삼성"): a query
// reads only that board's postings, and the index alone can count a board's matches.

import { withoutInvisible } from "../../lib/input.ts";

const CJK = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const WORD = /[\p{L}\p{N}]+/gu;
const RUN = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[^\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

// NFKC and lower case, without what shows nothing (a zero-width space inside a word would
// otherwise split it into pieces the index cannot find).
function normalize(text: string): string {
  return withoutInvisible(text.normalize("NFKC").toLowerCase());
}

function runs(word: string): string[] {
  return word.match(RUN) ?? [];
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

// Board ids are digits, so the first "x" after "b<digits>" always ends the board part.
const scope = (boardId: number) => `b${boardId}x`;

/** The space-separated tokens stored in the index for a title or body of a board's post. */
export function indexTokens(text: string, boardId: number): string {
  const tokens: string[] = [];
  for (const word of normalize(text).match(WORD) ?? []) {
    for (const run of runs(word)) {
      if (CJK.test(run)) tokens.push(...bigrams(run));
      else tokens.push(run);
    }
  }
  return tokens.map((t) => scope(boardId) + t).join(" ");
}

/** A query as phrases that must all match, each a sequence of tokens (a prefix or whole). */
export type FullTextQuery = { token: string; prefix: boolean }[][];

/**
 * The index query for what a reader typed, or null when the index cannot answer it: no word
 * it can find (punctuation only, or lone Hangul syllables, which bigrams cannot find inside a
 * word). A word it cannot find is left out of the query while another word narrows the
 * candidates: the literal filter that follows checks the whole text anyway.
 */
export function fullTextQuery(query: string, boardId: number): FullTextQuery | null {
  const phrases: FullTextQuery = [];
  for (const word of normalize(query).match(WORD) ?? []) {
    const phrase: FullTextQuery[number] = [];
    for (const run of runs(word)) {
      if (!CJK.test(run)) phrase.push({ token: scope(boardId) + run, prefix: true });
      else if ([...run].length >= 2) phrase.push(...bigrams(run).map((t) => ({ token: scope(boardId) + t, prefix: false })));
      else {
        phrase.length = 0; // a lone syllable inside the word: the word's tokens would not be in order
        break;
      }
    }
    if (phrase.length > 0) phrases.push(phrase);
  }
  return phrases.length > 0 ? phrases : null;
}

/** Whether the index can answer a text search for `query` (otherwise it is refused, never scanned). */
export function isSearchable(query: string): boolean {
  return fullTextQuery(query, 0) !== null;
}

export const UNSEARCHABLE = "검색어에 두 글자 이상의 낱말(한글 두 글자 이상, 또는 영문·숫자)을 넣어 주세요. 기호나 한 글자만으로는 찾을 수 없습니다.";
