// Reading exchange files: encodings, CSV and HTML tables, the listing's columns and bad rows,
// and daily prices with the header's summary and chart.
import fs from "node:fs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, readTable, TableError } from "../../src/lib/tabular.ts";
import { ListingError, readListing } from "../../src/modules/boards/listing.rules.ts";
import { priceHeader, QuotesError, readQuotes, tradingDay } from "../../src/modules/quotes/quotes.rules.ts";

const FIXTURE = "test/fixtures/listing-krx.xls";
const listingOf = (text: string, market?: "KOSPI" | "KOSDAQ") => readListing(readTable(text), market);

describe("decoding", () => {
  it("reads KRX's CP949 HTML .xls, UTF-8 with and without a byte-order mark, and CP949 CSV", () => {
    const krx = decodeText(fs.readFileSync(FIXTURE));
    expect(krx.encoding).toBe("cp949");
    expect(krx.text).toContain("삼성전자");
    const csv = "회사명,종목코드\n삼성전자,005930\n";
    expect(decodeText(Buffer.from(csv)).text).toBe(csv);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))).toEqual({ text: csv, encoding: "utf-8" });
    expect(decodeText(iconv.encode(csv, "cp949"))).toEqual({ text: csv, encoding: "cp949" });
    expect(decodeText(iconv.encode(csv, "euc-kr")).text).toBe(csv);
  });

  it("refuses a file that says UTF-8 but is not", () => {
    const lying = Buffer.concat([Buffer.from('<meta charset="utf-8"><table>'), iconv.encode("삼성전자", "cp949")]);
    expect(() => decodeText(lying)).toThrow(TableError);
  });
});

describe("the listing", () => {
  it("reads the fixture's companies with their markets and six-digit codes", () => {
    const listing = listingOf(decodeText(fs.readFileSync(FIXTURE)).text);
    expect(listing.problems).toEqual([]);
    expect(listing.markets).toEqual(["KOSPI", "KOSDAQ"]);
    expect(listing.companies).toHaveLength(38);
    expect(listing.companies[0]).toEqual({ line: 11, stockCode: "005930", stockName: "삼성전자", market: "KOSPI" });
    expect(listing.companies.find((c) => c.stockName === "동화약품")?.stockCode).toBe("000020");
    expect(listing.companies.find((c) => c.stockName === "에코프로")?.market).toBe("KOSDAQ");
  });

  it("restores leading zeros a spreadsheet dropped and keeps quoted commas in names", () => {
    const listing = listingOf('종목명,단축코드,시장구분\n동화약품,20,KOSPI\n"씨젠, 주식회사",96530,KOSDAQ\n');
    expect(listing.companies.map((c) => [c.stockCode, c.stockName])).toEqual([["000020", "동화약품"], ["096530", "씨젠, 주식회사"]]);
  });

  it("reports a malformed row with its line and skips it, keeping the rest", () => {
    const listing = listingOf(
      ["회사명,종목코드,시장구분", "삼성전자,005930,유가증권", "빈코드,,KOSPI", "긴코드,1234567,KOSPI", "이상한시장,111111,NYSE", ",222222,KOSPI", "겹침,005930,KOSPI", "<b>태그</b>,333333,KOSPI", "카카오,035720,KOSPI"].join("\n"),
    );
    expect(listing.companies.map((c) => c.stockCode)).toEqual(["005930", "035720"]);
    expect(listing.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(listing.problems[0]!.message).toContain("종목코드가 비어");
    expect(listing.problems[2]!.message).toContain("NYSE");
    expect(listing.problems[4]!.message).toContain("2번째 줄");
  });

  it("refuses a company name 클린봇 would refuse, by line, and keeps real names that look close", () => {
    const listing = listingOf(["회사명,종목코드,시장구분", "시발전자,444444,KOSPI", "텔레칩스,054450,KOSDAQ", "오픈채팅 open.kakao.com,555555,KOSPI", "카카오뱅크,323410,KOSPI"].join("\n"));
    expect(listing.companies.map((c) => c.stockName)).toEqual(["텔레칩스", "카카오뱅크"]);
    expect(listing.problems.map((p) => p.line)).toEqual([2, 4]);
    expect(listing.problems[0]!.message).toBe("444444: 회사명에 클린봇이 막는 표현이 있습니다 (욕설·비하: '시발').");
    expect(listing.problems[1]!.message).toContain("외부 채팅·리딩방 유도");
  });

  it("needs the name and code columns, and a market for a file without 시장구분", () => {
    expect(() => listingOf("이름,코드번호\n삼성전자,005930\n")).toThrow(ListingError);
    expect(() => listingOf("회사명,종목코드\n삼성전자,005930\n")).toThrow(/--market/);
    expect(listingOf("회사명,종목코드\n에코프로,086520\n", "KOSDAQ")).toMatchObject({ markets: ["KOSDAQ"], companies: [{ market: "KOSDAQ" }] });
  });

  it("gives an unclosed quote's line and reads HTML rows with their lines", () => {
    expect(() => readTable('회사명,종목코드\n"삼성전자,005930\n')).toThrow(/CSV/);
    const rows = readTable("<table>\n<tr><th>회사명</th><th>종목코드</th></tr>\n<tr>\n<td>삼성&amp;전자</td><td> 005930 </td></tr>\n</table>");
    expect(rows).toEqual([{ line: 2, cells: ["회사명", "종목코드"] }, { line: 3, cells: ["삼성&전자", "005930"] }]);
  });
});

describe("names that are not what they look like", () => {
  it("are refused by line: controls (C0, C1, U+2028), direction controls, invisible or empty names", () => {
    const listing = listingOf(
      [
        "회사명,종목코드,시장구분",
        "삼성\u202e전자,005930,KOSPI",
        "SK\u0085하이닉스,000660,KOSPI",
        "NA\u2028VER,035420,KOSPI",
        "\u200b\u3164\u{e0100},035720,KOSPI",
        "카카오\u200b뱅크,323410,KOSPI",
        "LG에너지솔루션,373220,KOSPI",
      ].join("\n"),
    );
    expect(listing.problems.map((p) => [p.line, p.message])).toEqual([
      [2, "005930: 회사명에 글자 방향을 바꾸는 보이지 않는 문자가 들어 있습니다. 지우고 다시 입력해 주세요."],
      [3, "000660: 회사명에 사용할 수 없는 문자(제어 문자)가 들어 있습니다."],
      [4, "035420: 회사명에 사용할 수 없는 문자(제어 문자)가 들어 있습니다."],
      [5, "035720: 회사명이 비어 있습니다."],
      [6, "323410: 회사명에 보이지 않는 문자가 들어 있습니다."],
    ]);
    expect(listing.companies.map((c) => c.stockName)).toEqual(["LG에너지솔루션"]);
  });
});

describe("daily prices", () => {
  const CSV = ["종목코드,일자,시가,고가,저가,종가,거래량", '005930,2026/11/26,"70,000","71,000","69,500","70,500",12345678', "005930,20261127,70500,72000,70000,71900,3000000000"].join("\n");

  it("reads dates as exports write them, prices with thousands separators, and volumes past 2^31", () => {
    expect(tradingDay("2026.11.27")).toBe("2026-11-27");
    expect(tradingDay("2026-02-30")).toBeNull();
    const { quotes, problems } = readQuotes(readTable(CSV));
    expect(problems).toEqual([]);
    expect(quotes.map((q) => [q.day, q.close, q.volume])).toEqual([["2026-11-26", 70500, 12345678n], ["2026-11-27", 71900, 3000000000n]]);
  });

  it("reports a bad date, a negative or missing price and an impossible high/low by line", () => {
    const bad = [CSV, "005930,2026-11-31,1,1,1,1,1", "005930,2026-11-25,-100,100,90,95,1", "005930,2026-11-24,100,99,90,95,1", "005930,2026-11-23,100,110,90,95,", "A035720,2026-11-27,100,110,90,95,5"].join("\n");
    const { quotes, problems } = readQuotes(readTable(bad));
    expect(problems.map((p) => p.line)).toEqual([4, 5, 6, 7]);
    expect(quotes.at(-1)).toMatchObject({ stockCode: "035720", line: 8 });
  });

  it("refuses days before the exchange's first or after today, and commas that are not thousands", () => {
    const rows = [
      "종목코드,일자,시가,고가,저가,종가,거래량",
      "005930,9999-12-31,100,110,90,95,1",
      '005930,2026-11-20,"1,0,0",110,90,95,1',
      "005930,1956-03-02,100,110,90,95,1",
      '005930,2026-11-21,100,110,90,95,"1,000,000"',
      "005930,2026-11-28,100,110,90,95,1",
    ].join("\n");
    const { quotes, problems } = readQuotes(readTable(rows), undefined, "2026-11-27");
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [2, "005930: 날짜 9999-12-31: 거래일이 될 수 없는 날입니다 (1956-03-03부터 2026-11-27까지)."],
      [3, "005930 2026-11-20: 시가 '1,0,0'은 0보다 큰 원 단위 가격이어야 합니다."],
      [4, "005930: 날짜 1956-03-02: 거래일이 될 수 없는 날입니다 (1956-03-03부터 2026-11-27까지)."],
      [6, "005930: 날짜 2026-11-28: 거래일이 될 수 없는 날입니다 (1956-03-03부터 2026-11-27까지)."],
    ]);
    expect(quotes.map((q) => [q.day, q.volume])).toEqual([["2026-11-21", 1_000_000n]]);
  });

  it("needs the date, price and volume columns, and a code for a one-stock file", () => {
    expect(() => readQuotes(readTable("일자,종가\n2026-11-27,100\n"))).toThrow(QuotesError);
    expect(() => readQuotes(readTable("Date,Open,High,Low,Close,Volume\n2026-11-27,1,1,1,1,1\n"))).toThrow(/--code/);
    expect(readQuotes(readTable("Date,Open,High,Low,Close,Volume\n2026-11-27,1,1,1,1,1\n"), "005930").quotes).toHaveLength(1);
  });

  it("sums up the last close, its change and a three-month chart", () => {
    const days = [
      { day: "2026-11-27", close: 71900, high: 72000, low: 70000 },
      { day: "2026-11-26", close: 70500, high: 71000, low: 69500 },
      { day: "2026-08-01", close: 60000, high: 61000, low: 59000 }, // older than three months: not charted
    ];
    const header = priceHeader(days)!;
    expect(header).toMatchObject({ day: "2026-11-27", close: 71900, change: 1400, rate: 1.99, direction: "up" });
    expect(header.chart).toMatchObject({ from: { day: "2026-11-26" }, to: { day: "2026-11-27" }, high: { price: 72000 }, low: { price: 69500 } });
    expect(header.chart!.line.split(" ")).toHaveLength(2);
    expect(priceHeader([{ day: "2026-11-27", close: 100, high: 100, low: 100 }])).toMatchObject({ change: null, rate: null, chart: null });
    expect(priceHeader([])).toBeNull();
    expect(priceHeader([days[1]!, days[0]!])!.direction).toBe("down");
  });
});
