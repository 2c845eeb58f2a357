import { describe, expect, it } from "vitest";
import { ftsQuery, indexTokens } from "../../src/modules/search/search.rules.ts";

describe("indexTokens", () => {
  it("indexes Hangul as bigrams and Latin runs whole", () => {
    expect(indexTokens("삼성전자가 HBM3E를")).toBe("삼성 성전 전자 자가 hbm3e 를");
    expect(indexTokens("AI칩 설계")).toBe("ai 칩 설계");
    expect(indexTokens("100% 달성!")).toBe("100 달성");
  });
});

describe("ftsQuery", () => {
  it("turns words into phrases of their tokens", () => {
    expect(ftsQuery("삼성")).toBe('("삼성")');
    expect(ftsQuery("삼성전자")).toBe('("삼성" + "성전" + "전자")');
    expect(ftsQuery("HBM 전망")).toBe('("hbm"*) AND ("전망")');
    expect(ftsQuery("AI칩셋")).toBe('("ai"* + "칩셋")');
  });

  it("declines what the index cannot answer completely", () => {
    expect(ftsQuery("%")).toBeNull();
    expect(ftsQuery("_")).toBeNull();
    expect(ftsQuery("칩")).toBeNull();
  });

  it("never lets a quote through", () => {
    expect(ftsQuery('a"b OR c')).toBe('("a"*) AND ("b"*) AND ("or"*) AND ("c"*)');
  });
});
