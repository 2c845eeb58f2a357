import { describe, expect, it } from "vitest";
import { countGraphemes } from "../../src/lib/graphemes.ts";
import { countGraphemes as browserCount } from "../../public/js/graphemes.js";

// Each case: text and the number of characters a person sees.
export const GRAPHEME_CASES: [string, string, number][] = [
  ["empty", "", 0],
  ["Korean syllables", "삼성전자", 4],
  ["decomposed jamo form one syllable", "\u1112\u1161\u11AB", 1],
  ["emoji with skin tone", "👍🏽", 1],
  ["family ZWJ sequence", "👨‍👩‍👧‍👦", 1],
  ["flag", "🇰🇷", 1],
  ["CRLF is one line break", "가\r\n나", 3],
  ["LF", "가\n나", 3],
  ["combining accent", "e\u0301", 1],
  ["mixed", "AI칩 🇰🇷👍🏽!", 7],
];

describe("countGraphemes", () => {
  it.each(GRAPHEME_CASES)("%s", (_name, text, expected) => {
    expect(countGraphemes(text)).toBe(expected);
  });

  it("is the very function the browser runs", () => {
    expect(countGraphemes).toBe(browserCount);
  });

  it("counts 1000 mixed clusters as 1000", () => {
    const unit = ["가", "👍🏽", "🇰🇷", "\r\n", "👨‍👩‍👧‍👦"];
    const text = Array.from({ length: 1000 }, (_, i) => unit[i % unit.length]).join("");
    expect(countGraphemes(text)).toBe(1000);
    expect(countGraphemes(text + "a")).toBe(1001);
  });
});
