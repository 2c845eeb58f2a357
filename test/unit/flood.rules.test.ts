import { describe, expect, it } from "vitest";
import { bandKeys, BANDS, decodeSignature, encodeSignature, minhash, normalizeText, postHashes, similarity } from "../../src/modules/moderation/flood.rules.ts";

const TEXT = "외국인이 사흘째 순매수 중입니다. 반도체 업황 회복 신호가 뚜렷하고 다음 분기 실적도 기대됩니다. 목표가는 상향될 가능성이 높습니다.";

describe("flood rules", () => {
  it("normalizes Unicode form, case, whitespace and invisible characters", () => {
    expect(normalizeText("  ABC\u200b  가\u00ad나\n\t다  ")).toBe("abc 가나 다");
    expect(normalizeText("\u1100\u1161")).toBe("가"); // NFD jamo → NFC syllable
    expect(postHashes("제목", "내용 ")).toEqual(postHashes(" 제목", "내용"));
    expect(postHashes("제목", "내용").contentHash).not.toBe(postHashes("제목2", "내용").contentHash);
    expect(postHashes("제목", "내용").bodyHash).toBe(postHashes("제목2", "내용").bodyHash);
  });

  it("estimates similarity: near-copies at or above 0.9, different texts far below", () => {
    const base = minhash(TEXT);
    expect(similarity(base, minhash(TEXT))).toBe(1);
    expect(similarity(base, minhash(`${TEXT}!`))).toBeGreaterThanOrEqual(0.9);
    expect(similarity(base, minhash(TEXT.replace(/ /g, "\n")))).toBe(1); // re-spacing changes nothing
    expect(similarity(base, minhash("네이버 검색 점유율이 다시 오르고 있습니다. 광고 매출도 회복세입니다."))).toBeLessThan(0.3);
  });

  it("gives near-copies a shared band, and round-trips signatures through text", () => {
    const a = bandKeys(minhash(TEXT));
    const b = bandKeys(minhash(`${TEXT}!`));
    expect(a).toHaveLength(BANDS);
    expect(a.some((key, i) => key === b[i])).toBe(true);
    expect(a.every((key) => Number.isInteger(key) && key >= -(2 ** 31) && key < 2 ** 31)).toBe(true);
    const signature = minhash(TEXT);
    expect(decodeSignature(encodeSignature(signature))).toEqual(signature);
  });
});
