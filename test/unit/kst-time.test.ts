import { describe, expect, it } from "vitest";
import {
  formatKst,
  kstDay,
  kstMonth,
  kstMonthRange,
  previousMonth,
  startOfKstDay,
  startOfNextKstDay,
} from "../../src/lib/kst-time.ts";

describe("KST time", () => {
  it("formats like the seed page", () => {
    expect(formatKst(new Date("2024-01-22T20:54:00+09:00"))).toBe("2024/01/22 20:54");
    expect(formatKst(new Date("2024-01-22T11:54:59Z"))).toBe("2024/01/22 20:54");
  });

  it("crosses the day at 15:00 UTC", () => {
    expect(kstDay(new Date("2026-11-30T14:59:59Z"))).toBe("2026-11-30");
    expect(kstDay(new Date("2026-11-30T15:00:00Z"))).toBe("2026-12-01");
  });

  it("finds the start of today and tomorrow in KST", () => {
    const at = new Date("2026-11-28T16:30:00Z"); // 2026-11-29 01:30 KST
    expect(startOfKstDay(at).toISOString()).toBe("2026-11-28T15:00:00.000Z");
    expect(startOfNextKstDay(at).toISOString()).toBe("2026-11-29T15:00:00.000Z");
  });

  it("knows months and their boundaries (23:59 vs 00:00 KST)", () => {
    expect(kstMonth(new Date("2026-11-30T23:59:00+09:00"))).toBe("2026-11");
    expect(kstMonth(new Date("2026-12-01T00:00:00+09:00"))).toBe("2026-12");
    const range = kstMonthRange("2026-12");
    expect(range.start.toISOString()).toBe("2026-11-30T15:00:00.000Z");
    expect(range.end.toISOString()).toBe("2026-12-31T15:00:00.000Z");
    expect(previousMonth("2026-01")).toBe("2025-12");
    expect(previousMonth("2026-12")).toBe("2026-11");
    expect(() => kstMonthRange("2026-13")).toThrow();
  });
});
