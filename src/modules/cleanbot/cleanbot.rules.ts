// 클린봇: what a text is found to hold, and what happens to it (docs/product.md §13,
// docs/decisions/0033). Rules are words (with `#` for any digit) in four categories, each
// with an action; the shapes no word can hold (phone numbers, links …) come from
// detectors.rules.ts. A filter is compiled once per rule set and screens a text in one pass
// per view, so its cost is linear in the text whatever the rules.
import { getChoseong } from "es-hangul";
import { WordAutomaton, type WordHit } from "../../lib/aho-corasick.ts";
import { escapeHtml } from "../../lib/text.ts";
import { CHAT_WORDS, detectShapes, type Detected } from "./detectors.rules.ts";
import { HASH, readNumber, readText, readWord, type View } from "./reading.rules.ts";
import { ABUSE_CORE_WORDS, ORDINARY_WORDS, PACKAGE_ABUSE_WORDS, PROMISE_WORDS } from "./words.rules.ts";

export const CATEGORIES = ["recruiting", "promise", "personal", "abuse"] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  recruiting: "외부 채팅·리딩방 유도",
  promise: "수익 보장·목표가 광고",
  personal: "개인정보",
  abuse: "욕설·비하",
};

export const ACTIONS = ["refuse", "hold", "fold", "allow"] as const;
export type Action = (typeof ACTIONS)[number];
export type Outcome = Exclude<Action, "allow">;

export const ACTION_LABELS: Record<Action, string> = {
  refuse: "등록 거부",
  hold: "보류 (운영자 확인 후 공개)",
  fold: "접어서 공개",
  allow: "허용 (예외 단어)",
};

/** What each category does unless a rule says otherwise (issue 30's defaults). */
export const DEFAULT_ACTIONS: Record<Category, Outcome> = {
  recruiting: "refuse",
  personal: "refuse",
  promise: "hold",
  abuse: "fold",
};

const SEVERITY: Record<Outcome, number> = { fold: 1, hold: 2, refuse: 3 };

export interface Rule {
  id: number | null; // null: built in (src/modules/cleanbot/words.rules.ts)
  text: string;
  category: Category;
  action: Action;
}

export interface Finding {
  category: Category;
  action: Outcome;
  label: string; // what was found: the rule's word, or the shape's name (전화번호)
  from: number; // [from, to) in the text as typed
  to: number;
}

const SHAPE_CATEGORY: Record<Detected["kind"], Category> = {
  phone: "recruiting",
  chat_link: "recruiting",
  chat_id: "recruiting",
  rrn: "personal",
  account: "personal",
};

/** Every spelling of a core word with any of its syllables written as the initial consonant. */
function jamoSpellings(word: string): string[] {
  const syllables = [...word];
  if (syllables.length < 2 || syllables.length > 4 || !syllables.every((s) => s >= "\uac00" && s <= "\ud7a3")) return [];
  const out: string[] = [];
  for (let mask = 1; mask < 1 << syllables.length; mask++) {
    out.push(syllables.map((s, i) => (mask & (1 << i) ? getChoseong(s) : s)).join(""));
  }
  return out;
}

/** The built-in rules, in the order the admin page lists them. */
export function builtinRules(): Rule[] {
  const rules: Rule[] = [];
  const add = (text: string, category: Category, action: Action) => rules.push({ id: null, text, category, action });
  for (const w of PROMISE_WORDS) add(w, "promise", DEFAULT_ACTIONS.promise);
  for (const w of ABUSE_CORE_WORDS) add(w, "abuse", DEFAULT_ACTIONS.abuse);
  const core = new Set<string>(ABUSE_CORE_WORDS);
  for (const w of PACKAGE_ABUSE_WORDS) if (!core.has(w)) add(w, "abuse", DEFAULT_ACTIONS.abuse);
  for (const w of ORDINARY_WORDS) add(w, "abuse", "allow");
  return rules;
}

const CORE = new Set<string>(ABUSE_CORE_WORDS);
const MAX_HITS = 500; // per view: enough to judge any text, bounded for a text of one word repeated

interface Compiled {
  rule: Rule;
  key: string;
  numbers: string[] | null; // folded rules: the number each `#` must be ("": any)
  short: boolean; // two letters or fewer: a match across a space must start a word (기존 나스닥)
}

/** A rule set compiled for screening. */
export class Filter {
  private readonly letters: Compiled[] = [];
  private readonly folded: Compiled[] = [];
  private readonly lettersAutomaton: WordAutomaton;
  private readonly foldedAutomaton: WordAutomaton;
  private readonly chatWordsFrom: number;

  constructor(rules: readonly Rule[]) {
    for (const rule of rules) {
      const word = readWord(rule.text);
      if (word.folded.includes(HASH)) {
        if (word.folded.every((c) => c === HASH)) continue;
        this.folded.push({ rule, key: String.fromCodePoint(...word.folded), numbers: word.numbers, short: word.folded.length <= 2 });
        continue;
      }
      const key = word.letters;
      // A one-letter word only from the project's own list (좆); 존1 would read 존 (기존, 존재).
      if (key.length === 0 || (key.length < 2 && !(rule.id === null && CORE.has(rule.text)))) continue;
      this.letters.push({ rule, key, numbers: null, short: key.length <= 2 });
      if (rule.id === null && CORE.has(rule.text)) {
        for (const spelling of jamoSpellings(rule.text)) this.letters.push({ rule, key: spelling, numbers: null, short: spelling.length <= 2 });
      }
    }
    // The chat words (카톡, 텔레 …) the id detector looks after ride along: one pass over the view.
    this.chatWordsFrom = this.letters.length;
    const chat: Rule = { id: null, text: "", category: "recruiting", action: "allow" };
    for (const word of CHAT_WORDS) this.letters.push({ rule: chat, key: word, numbers: null, short: false });
    this.lettersAutomaton = new WordAutomaton(this.letters.map((c, id) => ({ id, text: c.key })));
    this.foldedAutomaton = new WordAutomaton(this.folded.map((c, id) => ({ id, text: c.key })));
  }

  /** What the text holds, in order of where it starts. */
  screen(text: string): Finding[] {
    const reading = readText(text);
    const found: Finding[] = [];
    const allowed: [number, number][] = [];
    const take = (compiled: Compiled, hit: WordHit, view: View) => {
      if (!fits(compiled, hit, view)) return;
      const from = view.from[hit.start]!;
      const to = view.to[hit.end - 1]!;
      const { rule } = compiled;
      if (rule.action === "allow") {
        // An ordinary word is one word: 시발 점심 is not 시발점.
        if (!view.gap.subarray(hit.start + 1, hit.end).includes(1)) allowed.push([from, to]);
      } else {
        found.push({ category: rule.category, action: rule.action, label: rule.text, from, to });
      }
    };
    const chatWords: WordHit[] = [];
    for (const hit of this.lettersAutomaton.find(reading.letters.chars, reading.letters.length, MAX_HITS)) {
      if (hit.id >= this.chatWordsFrom) chatWords.push(hit);
      else take(this.letters[hit.id]!, hit, reading.letters);
    }
    for (const hit of this.foldedAutomaton.find(reading.folded.chars, reading.folded.length, MAX_HITS)) {
      const compiled = this.folded[hit.id]!;
      const { from, to } = reading.folded;
      if (compiled.numbers!.every((n, k) => n === "" || readNumber(text, from[hit.start + k]!, to[hit.start + k]!) === n)) take(compiled, hit, reading.folded);
    }
    for (const shape of detectShapes(text, reading.letters, chatWords)) {
      const category = SHAPE_CATEGORY[shape.kind];
      found.push({ category, action: DEFAULT_ACTIONS[category], label: shape.label, from: shape.from, to: shape.to });
    }
    const kept = found.filter((f) => !allowed.some(([a, b]) => a <= f.from && f.to <= b));
    kept.sort((a, b) => a.from - b.from || b.to - a.to);
    return kept;
  }
}

/**
 * A short word read across a space only counts when it starts a word there: 존 나 is 존나, the
 * end of 기존 and the start of 나스닥 is not.
 */
function fits(compiled: Compiled, hit: WordHit, view: View): boolean {
  if (!compiled.short || hit.start === 0 || view.gap[hit.start]) return true;
  for (let i = hit.start + 1; i < hit.end; i++) if (view.gap[i]) return false;
  return true;
}

/** The action a text's findings call for: the severest, or null when nothing was found. */
export function outcomeOf(findings: readonly Finding[]): Outcome | null {
  let worst: Outcome | null = null;
  for (const f of findings) if (!worst || SEVERITY[f.action] > SEVERITY[worst]) worst = f.action;
  return worst;
}

/** `text` as HTML with what was found in <mark> (overlapping findings merged). */
export function markedHtml(text: string, findings: readonly Finding[]): string {
  const spans = findings.map((f) => [f.from, f.to] as [number, number]).sort((a, b) => a[0] - b[0]);
  let html = "";
  let at = 0;
  for (const [from, to] of spans) {
    if (to <= at) continue;
    const start = Math.max(from, at);
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, to))}</mark>`;
    at = to;
  }
  return html + escapeHtml(text.slice(at));
}

/** The refusal's words: what was found, by category, quoting the text as typed. */
export function refusalMessage(text: string, findings: readonly Finding[], label: string): string {
  const refused = findings.filter((f) => f.action === "refuse");
  const parts = new Map<Category, Set<string>>();
  for (const f of refused) {
    const shown = f.category === "abuse" || f.category === "promise" ? `'${text.slice(f.from, f.to)}'` : f.label;
    (parts.get(f.category) ?? parts.set(f.category, new Set()).get(f.category)!).add(shown);
  }
  const named = [...parts].map(([category, what]) => `${CATEGORY_LABELS[category]}(${[...what].slice(0, 3).join(", ")})`).join(", ");
  return `${label}에 ${named}에 해당하는 내용이 있어 등록할 수 없습니다. 표시된 부분을 고쳐 주세요.`;
}

// ── rules an operator writes ───────────────────────────────────────────────────────────────

export const RULE_MAX = 40;

// Sentences any board is full of: a rule that catches several of them would fold or refuse
// ordinary talk, so it is refused when saved.
const EVERYDAY = [
  "삼성전자 3분기 영업이익 10조 원, 컨센서스 상회했네요",
  "오늘 외국인 순매수 1,234억, 기관은 매도",
  "목표가 85,000원 유지, 투자의견 매수",
  "2026-12-01 주주총회 소집 공고 나왔습니다",
  "배당금 주당 361원 지급 예정",
  "PER 12배, PBR 1.1배면 싸다고 봅니다",
  "거래량 터지면서 52주 신고가 갱신",
  "HBM 매출 비중이 계속 늘어나는 중",
  "카카오 오픈채팅 서비스 매출도 늘었다던데",
  "텔레그램 실적 발표 보고 들어왔습니다",
  "010 사업부 실적이 관건입니다",
  "개인들만 사고 있어서 걱정이네요",
  "장 마감 후 시간외 단일가 +3.5%",
  "다음 주 FOMC 결과 보고 판단하겠습니다",
  "물타기 할지 손절할지 고민입니다",
  "공매도 잔고가 줄어드는 추세입니다",
  "반도체 업황 회복은 내년 하반기로 봅니다",
  "유상증자 소식에 주가가 많이 빠졌네요",
  "이번 실적은 기대 이하였습니다 ㅠㅠ",
  "오늘도 존버합니다. 다들 화이팅",
];

/** Why an operator's rule cannot be saved, or null (docs/decisions/0033). */
export function ruleProblem(text: string, action: Action): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return "단어를 입력해 주세요.";
  if ([...trimmed].length > RULE_MAX) return `단어는 ${RULE_MAX}자 이내로 입력해 주세요.`;
  const word = readWord(trimmed);
  const meaningful = word.folded.filter((c) => c !== HASH).length;
  if (meaningful < 2) return "글자(숫자를 뜻하는 #은 빼고)가 두 자 이상이어야 합니다. 그보다 짧으면 거의 모든 글에 걸립니다.";
  if (action === "allow") return null;
  const filter = new Filter([{ id: 0, text: trimmed, category: "abuse", action }]);
  const caught = EVERYDAY.filter((s) => filter.screen(s).length > 0).length;
  if (caught >= 2) return `평범한 종목토론 문장 ${EVERYDAY.length}개 중 ${caught}개에 걸립니다. 더 구체적인 단어로 입력해 주세요.`;
  return null;
}
