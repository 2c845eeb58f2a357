// Finding a board by what a reader types: code prefixes, parts of names, initial consonants
// and mixed input, in the order a reader expects.
import { describe, expect, it } from "vitest";
import { directoryGroup, initialsOf, nameMatcher, searchBoards, searchKey, type Searchable } from "../../src/modules/boards/board-search.rules.ts";

function board(stockName: string, stockCode: string, lastPostNumber = 0): Searchable {
  const keyText = searchKey(stockName);
  return { stockName, stockCode, lastPostNumber, keyText, key: [...keyText] };
}

const BOARDS = [
  board("삼성전자", "005930", 5),
  board("삼성SDI", "006400", 9),
  board("삼성전기", "009150", 1),
  board("삼성물산", "028260"),
  board("삼천당제약", "000250"),
  board("대한전선", "001440", 2),
  board("SK하이닉스", "000660", 3),
  board("NAVER", "035420", 1),
  board("LG전자", "066570"),
];

const names = (typed: string, limit = 10) => searchBoards(BOARDS, typed, limit).rows.map((b) => b.stockName);

describe("initial consonants", () => {
  it("takes each syllable's initial, double consonants included, and keeps other characters", () => {
    expect(initialsOf("삼성전자")).toBe("ㅅㅅㅈㅈ");
    expect(initialsOf("쌍용씨앤이")).toBe("ㅆㅇㅆㅇㅇ");
    expect(initialsOf("SK하이닉스")).toBe("SKㅎㅇㄴㅅ");
  });
});

describe("matching", () => {
  it("matches a code prefix, any part of a name, initials and mixed input", () => {
    expect(names("0059")).toEqual(["삼성전자"]);
    expect(names("전자")).toEqual(["삼성전자", "LG전자"]);
    expect(names("ㅅㅅㅈㅈ")).toEqual(["삼성전자"]);
    expect(names("ㅅㅅㅈ")).toEqual(["삼성전자", "삼성전기"]);
    expect(names("삼성ㅈ")).toEqual(["삼성전자", "삼성전기"]);
    expect(names("ㅈㅈ")).toEqual(["삼성전자", "LG전자"]);
    expect(names("하이닉")).toEqual(["SK하이닉스"]);
    expect(names("naver")).toEqual(["NAVER"]);
    expect(names("sk하")).toEqual(["SK하이닉스"]);
    expect(names("없는회사")).toEqual([]);
  });

  it("lets the last syllable still being typed match the syllables it grows into", () => {
    expect(names("삼서")).toEqual(["삼성SDI", "삼성전자", "삼성전기", "삼성물산"]); // 서 → 성
    expect(nameMatcher("삼서").indexIn([..."삼서울"])).toBe(0);
    expect(names("삼성저")).toEqual(["삼성전자", "삼성전기"]); // 저 → 전
    expect(names("저삼")).toEqual([]); // only the last one is still being typed
  });

  it("puts an exact code, then an exact name, then names that start with it, then the rest, busier boards first", () => {
    expect(names("ㅅㅅ")).toEqual(["삼성SDI", "삼성전자", "삼성전기", "삼성물산"]);
    expect(names("삼성전자")[0]).toBe("삼성전자");
    expect(names("005930")).toEqual(["삼성전자"]);
    expect(names("ㅈ")).toEqual(["삼성전자", "대한전선", "삼성전기", "삼천당제약", "LG전자"]); // none starts with ㅈ: busiest first, then 가나다 before ABC
    expect(names("대한")).toEqual(["대한전선"]);
    expect(names("전")).toEqual(["삼성전자", "대한전선", "삼성전기", "LG전자"]);
  });

  it("ignores spaces and case, and pages the results", () => {
    expect(names(" 삼성 전자 ")).toEqual(["삼성전자"]);
    const page = searchBoards(BOARDS, "ㅅ", 2, 2);
    expect(page.total).toBe(7); // 삼성… 삼천당제약, then SK하이닉스 (스) and 대한전선 (선)
    expect(page.rows.map((b) => b.stockName)).toEqual(["삼성전기", "삼성물산"]);
  });
});

describe("directory groups", () => {
  it("groups by the first initial (double with single), the first Latin letter, or 0-9", () => {
    expect(directoryGroup("삼성전자")).toBe("ㅅ");
    expect(directoryGroup("쌍용C&E")).toBe("ㅅ");
    expect(directoryGroup("까뮤이앤씨")).toBe("ㄱ");
    expect(directoryGroup("NAVER")).toBe("N");
    expect(directoryGroup("cj")).toBe("C");
    expect(directoryGroup("3S")).toBe("0-9");
  });
});
