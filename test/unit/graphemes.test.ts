import { describe, expect, it, vi } from "vitest";
import { countGraphemes } from "../../src/lib/graphemes.ts";
import { countGraphemes as browserCount } from "../../public/js/graphemes.js";
import { GRAPHEME_CASES } from "../fixtures/graphemes.ts";



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

describe("countGraphemes on long and adversarial text", () => {
  const naive = (text: string) => [...new Intl.Segmenter("ko", { granularity: "grapheme" }).segment(text)].length;
  const pieces = ["가", "a", " ", "\r", "\n", "\r\n", "🇰", "🇷", "👍", "🏽", "\u200d", "👩", "\u0301", "\u1100", "\u1161", "\u11a8", "\ud83d", "e", "🏴\udb40\udc67\udb40\udc62\udb40\udc65\udb40\udc6e\udb40\udc67\udb40\udc7f"];

  it("matches one-pass segmentation on random mixtures", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 150; round++) {
      const length = Math.floor(random() * 2000);
      let text = "";
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      expect(countGraphemes(text), `round ${round}`).toBe(naive(text));
    }
  });

  it("handles one cluster longer than a window", () => {
    const zalgo = "a" + "\u0301".repeat(1000) + "b";
    expect(countGraphemes(zalgo)).toBe(2);
    const flags = "🇰🇷".repeat(500) + "🇰";
    expect(countGraphemes(flags)).toBe(501);
  });

  it("stays linear: the segmenter reads each character a bounded number of times", () => {
    // Measured in work, not milliseconds: the total length handed to Intl.Segmenter.
    const segment = vi.spyOn(Intl.Segmenter.prototype, "segment");
    const work = (text: string) => {
      segment.mockClear();
      countGraphemes(text);
      return segment.mock.calls.reduce((sum, [input]) => sum + String(input).length, 0);
    };
    const text = "👍🏽".repeat(100_000);
    expect(countGraphemes(text)).toBe(100_000);
    expect(work(text)).toBeLessThan(2 * text.length);
    expect(work(text + text) / work(text)).toBeLessThan(2.1);
    segment.mockRestore();
  });
});
