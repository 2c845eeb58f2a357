// The shape checks every text field shares (src/lib/input.ts) and the nickname skeleton
// (src/lib/confusables.ts): bounded before anything reads the text, one definition of what
// shows nothing, look-alike names equal.
import { describe, expect, it } from "vitest";
import { nicknameSkeleton } from "../../src/lib/confusables.ts";
import { hasInvisible, isBlank, MARKS_PER_GRAPHEME, textField, textProblem, withoutInvisible } from "../../src/lib/input.ts";

const marks = (n: number) => Array.from({ length: n }, (_, i) => ["\u0301", "\u0316", "\u0300", "\u0317"][i % 4]).join("");

describe("textProblem", () => {
  it("bounds code units before anything else: 4 per allowed character", () => {
    expect(textProblem("가".repeat(400), 100)).toBeNull();
    expect(textProblem("가".repeat(401), 100)).toBe("too_long");
    // The probe's nickname: `a` and 120,000 combining marks, answered by its length alone
    // (how fast is the business of test/http/trust.test.ts, which watches /healthz meanwhile).
    expect(textProblem(`a${marks(120_000)}`, 12)).toBe("too_long");
  });

  it("refuses more than a few combining marks on one letter, and accepts real text", () => {
    expect(textProblem(`a${marks(MARKS_PER_GRAPHEME)}`, 10)).toBeNull();
    expect(textProblem(`a${marks(MARKS_PER_GRAPHEME + 1)}`, 10)).toBe("marks");
    for (const ok of ["Tiếng Việt", "👨‍👩‍👧 가족", "1️⃣ 🏳️‍⚧️", "삼성전자 HBM3E"]) expect(textProblem(ok, 50)).toBeNull();
  });

  it("refuses lone surrogates, controls and direction overrides", () => {
    expect(textProblem("ab\ud800", 10)).toBe("ill_formed");
    expect(textProblem("\udc00", 10)).toBe("ill_formed");
    expect(textProblem("a\u0085b", 10)).toBe("control"); // C1
    expect(textProblem("a\u2028b", 10)).toBe("control");
    expect(textProblem("a\nb", 10, true)).toBeNull();
    expect(textProblem("abc\u202egnp.exe", 20)).toBe("bidi");
  });

  it("lets through only runs of marks short enough to normalize in linear time", () => {
    const field = textField({ label: "내용", min: 1, max: 6000, multiline: true });
    const bounded = `a${marks(MARKS_PER_GRAPHEME)}`.repeat(1000);
    expect(field.safeParse(bounded).success).toBe(true);
    expect(field.safeParse(`${bounded}a${marks(MARKS_PER_GRAPHEME + 1)}`).success).toBe(false);
  });
});

describe("what shows nothing", () => {
  it("is Unicode's Default_Ignorable_Code_Point (variation selectors 1–256 included) and the braille blank", () => {
    for (const ch of ["\u200b", "\u200d", "\u3164", "\u115f", "\ufe0f", "\u{e0100}", "\u{e01ef}", "\u{e0061}", "\u2800", "\u180e", "\u034f"]) {
      expect(hasInvisible(`a${ch}`), JSON.stringify(ch)).toBe(true);
      expect(isBlank(`${ch}${ch} ${ch}`), JSON.stringify(ch)).toBe(true);
    }
    expect(withoutInvisible("앨리스\u{e0100}")).toBe("앨리스");
    expect(hasInvisible("앨리스 Alice 1")).toBe(false);
  });
});

describe("nicknameSkeleton", () => {
  it("is the same for names a reader cannot tell apart", () => {
    const same = (a: string, b: string) => nicknameSkeleton(a) === nicknameSkeleton(b);
    expect(same("앨리스", "앨리스\u{e0100}")).toBe(true);
    expect(same("alice", "\u0430lice")).toBe(true); // Cyrillic а
    expect(same("Ilya", "llya")).toBe(true);
    expect(same("ｍｏｏｎ", "moon")).toBe(true); // full width, after NFKC
    expect(same("rnoon", "moon")).toBe(true);
    expect(same("홍길동", "홍길똥")).toBe(false);
    expect(same("개미", "개미들")).toBe(false);
  });
});
