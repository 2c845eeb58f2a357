import { describe, expect, it } from "vitest";
import { kstMonthRange, previousMonth } from "../../src/lib/kst-time.ts";
import { selectPanel, shouldBlind, type Activity } from "../../src/modules/jury/jury.rules.ts";

describe("shouldBlind", () => {
  const post = (opinionCount: number, upCount: number, downCount: number, blinded = false) => ({ opinionCount, upCount, downCount, blinded });

  it.each([
    ["3 opinions, 반대 > 추천: visible", post(3, 0, 5), false],
    ["4 opinions, 반대 = 추천: visible", post(4, 3, 3), false],
    ["4 opinions, 반대 = 추천 + 1: blinded", post(4, 3, 4), true],
    ["4 opinions, then a 반대 vote that tips the balance: blinded", post(4, 2, 3), true],
    ["4 opinions, 반대 < 추천: visible", post(4, 5, 1), false],
    ["withdrawal back to 3 before blinding: visible", post(3, 0, 9), false],
    ["10 opinions, no votes at all: visible", post(10, 0, 0), false],
    ["already blinded: not again", post(5, 0, 9, true), false],
  ])("%s", (_name, standing, expected) => {
    expect(shouldBlind(standing)).toBe(expected);
  });
});

describe("selectPanel", () => {
  const month = "2026-11";
  const { start } = kstMonthRange(month);
  const old = new Date("2026-01-01T00:00:00Z");
  let id = 0;
  const user = (o: Partial<Activity>): Activity => ({
    userId: ++id,
    nickname: `u${id}`,
    createdAt: old,
    canSignIn: true,
    posts: 0,
    comments: 0,
    upsReceived: 0,
    hadPostBlinded: false,
    ...o,
  });

  it("ranks by score, then earlier sign-up, then id", () => {
    const a = user({ posts: 5 });
    const b = user({ comments: 5, createdAt: new Date("2025-01-01T00:00:00Z") });
    const c = user({ upsReceived: 5 });
    const d = user({ posts: 1, comments: 1, upsReceived: 10 });
    const panel = selectPanel([a, b, c, d], start);
    expect(panel.map((j) => [j.userId, j.score, j.rank])).toEqual([
      [d.userId, 12, 1],
      [b.userId, 5, 2],
      [a.userId, 5, 3],
      [c.userId, 5, 4],
    ]);
  });

  it("leaves out ineligible users", () => {
    const young = user({ posts: 9, createdAt: new Date(start.getTime() + 1000) });
    const boundary = user({ posts: 9, createdAt: new Date(start.getTime() - 1) });
    const blinded = user({ posts: 9, hadPostBlinded: true });
    const cannot = user({ posts: 9, canSignIn: false });
    const idle = user({});
    const panel = selectPanel([young, boundary, blinded, cannot, idle], start);
    expect(panel.map((j) => j.userId)).toEqual([boundary.userId]);
  });

  it("takes at most ten of more candidates", () => {
    const many = Array.from({ length: 15 }, (_, i) => user({ posts: i + 1 }));
    const panel = selectPanel(many, start);
    expect(panel).toHaveLength(10);
    expect(panel[0]!.score).toBe(15);
    expect(panel[9]!.score).toBe(6);
  });

  it("is empty for an empty month", () => {
    expect(selectPanel([], start)).toEqual([]);
  });

  it("uses KST month boundaries (23:59 vs 00:00)", () => {
    expect(previousMonth("2026-12")).toBe("2026-11");
    const { start: decStart } = kstMonthRange("2026-12");
    expect(decStart.toISOString()).toBe("2026-11-30T15:00:00.000Z");
    // Signed up at 23:59 KST on the last day of October: eligible for November's activity.
    const lastMinute = user({ posts: 1, createdAt: new Date("2026-10-31T23:59:00+09:00") });
    // Signed up at 00:00 KST on the first of November: too young.
    const firstMinute = user({ posts: 1, createdAt: new Date("2026-11-01T00:00:00+09:00") });
    expect(selectPanel([lastMinute, firstMinute], start).map((j) => j.userId)).toEqual([lastMinute.userId]);
  });
});
