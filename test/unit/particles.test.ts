import { describe, expect, it } from "vitest";
import { josa, withJosa } from "../../src/lib/particles.ts";

describe("particles after any quoted value", () => {
  it.each([
    ["'2026-11-31'", "을/를", "'2026-11-31'을"], // 삼십일
    ["'-100'", "은/는", "'-100'은"], // 백
    ["'1.5'", "은/는", "'1.5'는"], // 일 점 오
    ["'12,300원'", "을/를", "'12,300원'을"],
    ["'KOSPI'", "을/를", "'KOSPI'를"],
    ["'5930X'", "은/는", "'5930X'는"],
    ["내 글「매수 추천 부탁 드려요 주세요」", "이/가", "내 글「매수 추천 부탁 드려요 주세요」가"],
    ["내 글「삼성전자 전망」", "이/가", "내 글「삼성전자 전망」이"],
    ["내 글", "이/가", "내 글이"],
    ["복원", "으로/로", "복원으로"],
    ["유지", "으로/로", "유지로"],
    ["서울", "으로/로", "서울로"],
    ["'2'", "을/를", "'2'를"],
    ["'10'", "을/를", "'10'을"], // 십
    ["'0'", "은/는", "'0'은"], // 영
    ["'7'", "으로/로", "'7'로"], // 칠: ㄹ
    ["'Google'", "을/를", "'Google'을"],
    ["'URL'", "으로/로", "'URL'로"],
    ["'server'", "을/를", "'server'를"],
  ] as const)("%s + %s", (value, pair, expected) => {
    expect(withJosa(value, pair)).toBe(expected);
  });

  it("keeps the word's own particle for Korean labels", () => {
    expect(josa("제목", "은/는")).toBe("은");
    expect(josa("내용", "을/를")).toBe("을");
    expect(josa("닉네임", "을/를")).toBe("을");
    expect(josa("검색어", "은/는")).toBe("는");
  });
});
