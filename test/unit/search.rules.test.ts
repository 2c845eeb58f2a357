import { describe, expect, it } from "vitest";
import { ftsQuery, indexTokens, tsQuery } from "../../src/modules/search/search.rules.ts";

describe("indexTokens", () => {
  it("indexes Hangul as bigrams and Latin runs whole, scoped to the board", () => {
    expect(indexTokens("삼성전자가 HBM3E를", 1)).toBe("b1x삼성 b1x성전 b1x전자 b1x자가 b1xhbm3e b1x를");
    expect(indexTokens("AI칩 설계", 12)).toBe("b12xai b12x칩 b12x설계");
    expect(indexTokens("100% 달성!", 3)).toBe("b3x100 b3x달성");
  });
});

describe("ftsQuery", () => {
  it("turns words into phrases of their tokens", () => {
    expect(ftsQuery("삼성", 1)).toBe('("b1x삼성")');
    expect(ftsQuery("삼성전자", 1)).toBe('("b1x삼성" + "b1x성전" + "b1x전자")');
    expect(ftsQuery("HBM 전망", 2)).toBe('("b2xhbm"*) AND ("b2x전망")');
    expect(ftsQuery("AI칩셋", 1)).toBe('("b1xai"* + "b1x칩셋")');
  });

  it("declines what the index cannot answer completely", () => {
    expect(ftsQuery("%", 1)).toBeNull();
    expect(ftsQuery("_", 1)).toBeNull();
    expect(ftsQuery("칩", 1)).toBeNull();
  });

  it("never lets a quote through", () => {
    expect(ftsQuery('a"b OR c', 1)).toBe('("b1xa"*) AND ("b1xb"*) AND ("b1xor"*) AND ("b1xc"*)');
  });
});

describe("tsQuery", () => {
  it("says the same in PostgreSQL's syntax", () => {
    expect(tsQuery("삼성전자", 1)).toBe("(b1x삼성 <-> b1x성전 <-> b1x전자)");
    expect(tsQuery("HBM 전망", 2)).toBe("(b2xhbm:*) & (b2x전망)");
    expect(tsQuery("AI칩셋", 1)).toBe("(b1xai:* <-> b1x칩셋)");
    expect(tsQuery("%", 1)).toBeNull();
  });
});
