import { describe, expect, it } from "vitest";
import { maskLoginId } from "../../src/lib/mask.ts";
import { pageBlock, totalPages } from "../../src/lib/pagination.ts";
import { likeContains, pageNumberRange } from "../../src/modules/posts/posts.rules.ts";

describe("maskLoginId", () => {
  it("shows at most four characters and never the length", () => {
    expect(maskLoginId("abcdefgh")).toBe("abcd****");
    expect(maskLoginId("abcdefghijklmnop")).toBe("abcd****");
    expect(maskLoginId("abcd")).toBe("ab****");
    expect(maskLoginId("abcde")).toBe("abc****");
  });
});

describe("pageBlock", () => {
  it("shows pages in blocks of ten with 이전/다음", () => {
    expect(pageBlock(1, 3)).toEqual({ pages: [1, 2, 3], current: 1, prev: null, next: null, total: 3 });
    const b = pageBlock(12, 25);
    expect(b.pages).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(b.prev).toBe(10);
    expect(b.next).toBe(21);
    expect(pageBlock(10, 25).next).toBe(11);
    expect(pageBlock(25, 25)).toMatchObject({ pages: [21, 22, 23, 24, 25], prev: 20, next: null });
  });

  it("clamps out-of-range pages and empty boards", () => {
    expect(pageBlock(99, 3).current).toBe(3);
    expect(pageBlock(1, 0).pages).toEqual([1]);
  });

  it("counts pages", () => {
    expect(totalPages(0, 20)).toBe(1);
    expect(totalPages(45, 20)).toBe(3);
    expect(totalPages(40, 20)).toBe(2);
  });
});

describe("list arithmetic", () => {
  it("maps a page to a dense number range", () => {
    expect(pageNumberRange(45, 1)).toEqual({ lo: 25, hi: 45 });
    expect(pageNumberRange(45, 3)).toEqual({ lo: 0, hi: 5 });
  });

  it("escapes LIKE wildcards", () => {
    expect(likeContains("100%")).toBe("%100\\%%");
    expect(likeContains("a_b\\")).toBe("%a\\_b\\\\%");
  });
});
