import { describe, expect, it } from "vitest";
import { dialectFor } from "../../src/db/dialect.ts";
import { fullTextQuery, indexTokens } from "../../src/modules/search/search.rules.ts";

describe("indexTokens", () => {
  it("indexes Hangul as bigrams and Latin runs whole, scoped to the board", () => {
    expect(indexTokens("삼성전자가 HBM3E를", 1)).toBe("b1x삼성 b1x성전 b1x전자 b1x자가 b1xhbm3e b1x를");
    expect(indexTokens("AI칩 설계", 12)).toBe("b12xai b12x칩 b12x설계");
    expect(indexTokens("100% 달성!", 3)).toBe("b3x100 b3x달성");
  });
});

// What each database is asked: the expression inside the SQL of dialect.fullText.match.
const fts5 = (q: string, board: number) => {
  const query = fullTextQuery(q, board);
  return query && (dialectFor("sqlite").fullText.match(board, "both", query).where.values[0] as string).replace("{title body} : ", "").slice(1, -1);
};
const tsquery = (q: string, board: number) => {
  const query = fullTextQuery(q, board);
  return query && (dialectFor("postgres").fullText.match(board, "both", query).where.values[1] as string);
};

describe("full-text queries", () => {
  it("turn words into phrases of their tokens (FTS5)", () => {
    expect(fts5("삼성", 1)).toBe('("b1x삼성")');
    expect(fts5("삼성전자", 1)).toBe('("b1x삼성" + "b1x성전" + "b1x전자")');
    expect(fts5("HBM 전망", 2)).toBe('("b2xhbm"*) AND ("b2x전망")');
    expect(fts5("AI칩셋", 1)).toBe('("b1xai"* + "b1x칩셋")');
  });

  it("decline what the index cannot answer completely", () => {
    expect(fullTextQuery("%", 1)).toBeNull();
    expect(fullTextQuery("_", 1)).toBeNull();
    expect(fullTextQuery("칩", 1)).toBeNull();
  });

  it("never let a quote through", () => {
    expect(fts5('a"b OR c', 1)).toBe('("b1xa"*) AND ("b1xb"*) AND ("b1xor"*) AND ("b1xc"*)');
  });

  it("say the same in PostgreSQL's syntax", () => {
    expect(tsquery("삼성전자", 1)).toBe("(b1x삼성 <-> b1x성전 <-> b1x전자)");
    expect(tsquery("HBM 전망", 2)).toBe("(b2xhbm:*) & (b2x전망)");
    expect(tsquery("AI칩셋", 1)).toBe("(b1xai:* <-> b1x칩셋)");
  });
});
