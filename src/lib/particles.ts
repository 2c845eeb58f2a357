// Korean particles (조사) after any value a message quotes: a word, a title in 「」, a date or a
// price in quotes, a stock code. The particle follows how the value's end is read aloud:
// '2026-11-31'을 (삼십일), '-100'은 (백), '12,300원'을, 'KOSPI'를, 「…주세요」가. Closing quotes,
// brackets and punctuation are skipped to the last character that is read. Pure.

/** How a value's last read sound ends: no final consonant, ㄹ, or another final consonant. */
type Ending = "open" | "rieul" | "closed";

const SKIPPED = /[\s'"‘’“”「」『』()[\]{}<>〈〉《》.,!?…·~:;-]/u;

// The last digit as read (일, 이, 삼 …); 0 is read as 영 only when it is the whole number.
const DIGIT: Ending[] = ["closed", "rieul", "open", "closed", "open", "open", "closed", "rieul", "rieul", "open"];
// An acronym's letters as named: 엘 and 알 end in ㄹ, 엠 and 엔 in another consonant.
const LETTER_RIEUL = new Set(["L", "R"]);
const LETTER_CLOSED = new Set(["M", "N"]);

function hangulEnding(code: number): Ending {
  const final = (code - 0xac00) % 28;
  return final === 0 ? "open" : final === 8 ? "rieul" : "closed";
}

/** Digits `run` (the trailing digits of the value), `decimal`: they follow a decimal point. */
function numberEnding(run: string, decimal: boolean): Ending {
  if (decimal) return DIGIT[Number(run.at(-1))]!; // 일 점 오 영: each digit read alone
  const digits = run.replace(/^0+(?=\d)/, "");
  const zeros = digits.length - digits.replace(/0+$/, "").length;
  if (digits === "0") return "closed"; // 영
  if (zeros === 0) return DIGIT[Number(digits.at(-1))]!;
  // 십, 백, 천, 만, 억 all close; 조 (10^12 to 10^15) is open.
  return zeros >= 12 && zeros < 16 ? "open" : "closed";
}

function latinEnding(word: string): Ending {
  if (/^[A-Z]{1,6}$/.test(word)) {
    const last = word.at(-1)!;
    return LETTER_RIEUL.has(last) ? "rieul" : LETTER_CLOSED.has(last) ? "closed" : "open";
  }
  const lower = word.toLowerCase();
  if (/(?:l|[^aeiou]le)$/.test(lower)) return "rieul"; // 구글, 애플
  return /(?:m|n|ng|ck|k|t|p)$/.test(lower) ? "closed" : "open";
}

function endingOf(value: string): Ending {
  const chars = [...value];
  let i = chars.length - 1;
  while (i >= 0 && SKIPPED.test(chars[i]!)) i--;
  if (i < 0) return "open";
  const last = chars[i]!;
  const code = last.codePointAt(0)!;
  if (code >= 0xac00 && code <= 0xd7a3) return hangulEnding(code);
  if (/[0-9]/.test(last)) {
    let start = i;
    while (start > 0 && /[0-9,]/.test(chars[start - 1]!)) start--;
    const run = chars.slice(start, i + 1).join("").replace(/,/g, "");
    return numberEnding(run, start > 0 && chars[start - 1] === ".");
  }
  if (/[A-Za-z]/.test(last)) {
    let start = i;
    while (start > 0 && /[A-Za-z]/.test(chars[start - 1]!)) start--;
    return latinEnding(chars.slice(start, i + 1).join(""));
  }
  return "open";
}

export type Pair = "을/를" | "은/는" | "이/가" | "과/와" | "으로/로" | "이라/라";

/** The particle of `pair` that fits the end of `value` (을 or 를 …). */
export function josa(value: string, pair: Pair): string {
  const [closed, open] = pair.split("/") as [string, string];
  const ending = endingOf(value);
  // 으로 only after a final consonant other than ㄹ (서울로, 복원으로).
  if (pair === "으로/로") return ending === "closed" ? closed : open;
  return ending === "open" ? open : closed;
}

/** The value with its particle: withJosa("'2026-11-31'", "을/를") → "'2026-11-31'을". */
export function withJosa(value: string, pair: Pair): string {
  return value + josa(value, pair);
}
