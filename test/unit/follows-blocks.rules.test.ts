import { describe, expect, it } from "vitest";
import { FOLLOWS_MAX, moved, newSince, TOO_MANY_FOLLOWS } from "../../src/modules/follows/follows.rules.ts";
import { BLOCK_WORDS, BLOCKS_MAX, blockRefusal } from "../../src/modules/blocks/blocks.rules.ts";

describe("관심종목 (follows.rules.ts)", () => {
  it("counts the numbers handed out since the last visit, up to 999+", () => {
    expect(newSince(120, 120)).toBeNull();
    expect(newSince(120, 125)).toBeNull(); // never negative
    expect(newSince(122, 120)).toBe("2");
    expect(newSince(1120, 121)).toBe("999");
    expect(newSince(1121, 121)).toBe("999+");
  });
  it("moves a board one place, and not past either end", () => {
    const order = [{ boardId: 1 }, { boardId: 2 }, { boardId: 3 }];
    expect(moved(order, 3, "up").map((f) => f.boardId)).toEqual([1, 3, 2]);
    expect(moved(order, 1, "down").map((f) => f.boardId)).toEqual([2, 1, 3]);
    expect(moved(order, 1, "up")).toEqual(order);
    expect(moved(order, 3, "down")).toEqual(order);
    expect(moved(order, 9, "up")).toEqual(order);
  });
  it("says the cap it keeps", () => {
    expect(TOO_MANY_FOLLOWS).toContain(`${FOLLOWS_MAX}개까지`);
  });
});

describe("차단 (blocks.rules.ts)", () => {
  it("refuses oneself, an operator and a block past the cap, and allows any other member", () => {
    expect(blockRefusal(1, { id: 1, operator: false }, 0)).toBe(BLOCK_WORDS.self);
    expect(blockRefusal(1, { id: 2, operator: true }, 0)).toBe(BLOCK_WORDS.operator);
    expect(blockRefusal(1, { id: 2, operator: false }, BLOCKS_MAX)).toBe(BLOCK_WORDS.tooMany);
    expect(blockRefusal(1, { id: 2, operator: false }, BLOCKS_MAX - 1)).toBeNull();
  });
});
