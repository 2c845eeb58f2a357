// The pure rules of the stock beside the talk: designations and when they hold, DART filings,
// the streamed JSON scanner, 본인 표시 and its chart, and a post's price then and now.
import { describe, expect, it } from "vitest";
import { alertColumns, alertsInForce, inForce, readDesignation } from "../../src/modules/boards/alerts.rules.ts";
import { dartStatusProblem, dartViewerUrl, readFiling } from "../../src/modules/disclosures/disclosures.rules.ts";
import { JsonItems, JsonShapeError } from "../../src/lib/json-items.ts";
import { stanceChart, stanceSince, statedFields } from "../../src/modules/posts/stance.rules.ts";
import { priceSince } from "../../src/modules/quotes/quotes.rules.ts";
import { z } from "zod";
import { inBatches } from "../../src/lib/batches.ts";

const TODAY = "2026-11-27";

describe("designations", () => {
  const at = alertColumns(["종목코드", "구분", "지정일", "해제일"]);
  const row = (...cells: string[]) => readDesignation({ line: 2, cells }, at, TODAY);

  it("reads the kinds by their names, A-prefixed codes and open or closed spans", () => {
    expect(row("A035720", "투자경고종목", "2026.11.24", "")).toEqual({ line: 2, stockCode: "035720", kind: "warning", startDay: "2026-11-24", endDay: null });
    expect(row("373220", "매매거래정지", "20261125", "2026-12-01")).toMatchObject({ kind: "halt", endDay: "2026-12-01" });
    expect(row("035420", "관리 종목", "2026-10-02", "-")).toMatchObject({ kind: "managed", endDay: null });
  });

  it("refuses what cannot be a designation, each with its reason", () => {
    expect(row("35720", "투자경고", "2026-11-24", "")).toMatchObject({ message: "종목코드 '35720'은 6자리 숫자가 아닙니다." });
    expect(row("035720", "투자경보", "2026-11-24", "")).toMatchObject({ message: expect.stringContaining("'투자경보'는 투자주의, 투자경고") });
    expect(row("035720", "투자경고", "2026-11-28", "")).toMatchObject({ message: expect.stringContaining("오늘(2026-11-27)까지") });
    expect(row("035720", "투자경고", "2026-11-24", "2026-11-23")).toMatchObject({ message: "035720: 해제일 2026-11-23이 지정일 2026-11-24보다 앞섭니다." });
    expect(row("035720", "투자경고", "2026-02-30", "")).toMatchObject({ message: expect.stringContaining("읽을 수 없습니다") });
    expect(row("035720", "투자\uFFFD", "2026-11-24", "")).toMatchObject({ message: expect.stringContaining("읽을 수 없는 바이트") });
    expect(() => alertColumns(["종목코드", "지정일"])).toThrow("구분 열이 없습니다");
  });

  it("holds from the 지정일 until the day before the 해제일, badges in a fixed order", () => {
    const d = { startDay: "2026-11-24", endDay: "2026-11-26" };
    expect([inForce(d, "2026-11-23"), inForce(d, "2026-11-24"), inForce(d, "2026-11-25"), inForce(d, "2026-11-26")]).toEqual([false, true, true, false]);
    expect(alertsInForce([{ kind: "halt", startDay: "2026-11-01", endDay: null }, { kind: "warning", ...d }, { kind: "warning", startDay: "2026-11-20", endDay: null }], "2026-11-25")).toEqual(["warning", "halt"]);
  });
});

describe("DART filings", () => {
  const good = { corp_code: "00126380", corp_name: "삼성전자", stock_code: "005930", report_nm: " 분기보고서   (2026.09) ", rcept_no: "20261114800410", flr_nm: "삼성전자", rcept_dt: "20261114", rm: "" };

  it("reads a filing, trimming DART's padding, and links it to the viewer", () => {
    expect(readFiling(good, TODAY)).toEqual({ receiptNo: "20261114800410", stockCode: "005930", corpCode: "00126380", corpName: "삼성전자", reportName: "분기보고서 (2026.09)", filerName: "삼성전자", day: "2026-11-14", remark: "" });
    expect(dartViewerUrl("20261114800410")).toBe("https://dart.fss.or.kr/dsaf001/main.do?rcpNo=20261114800410");
  });

  it("skips unlisted companies, future days, mismatched numbers, control characters and overlong text", () => {
    const problem = (patch: Record<string, unknown>) => (readFiling({ ...good, ...patch }, TODAY) as { problem?: string }).problem;
    expect(problem({ stock_code: " " })).toContain("상장 종목이 아닙니다");
    expect(problem({ rcept_dt: "20261128", rcept_no: "20261128800410" })).toContain("오늘(2026-11-27)보다 뒤인 날");
    expect(problem({ rcept_dt: "20261113" })).toContain("접수일자 20261113로 시작하지 않습니다");
    expect(problem({ report_nm: "보고서\u0007" })).toContain("제어 문자");
    expect(problem({ report_nm: "가".repeat(301) })).toContain("300자를 넘습니다");
    expect(problem({ rcept_no: 20261114800410 })).toContain("14자리 접수번호가 아닙니다");
    expect(readFiling(["not", "an", "object"], TODAY)).toEqual({ problem: "공시 항목이 객체가 아닙니다." });
  });

  it("treats DART's error answers as a refusal of the file, and 013 (nothing found) as an empty page", () => {
    expect(dartStatusProblem("000", "정상")).toBeNull();
    expect(dartStatusProblem("013", "조회된 데이타가 없습니다.")).toBeNull();
    expect(dartStatusProblem("020", "요청 제한을 초과하였습니다.")).toContain('status "020": 요청 제한을 초과하였습니다.');
  });
});

describe("the streamed JSON scanner", () => {
  const scan = (text: string, chunk = text.length) => {
    const items: [unknown, number, number][] = [];
    const fields: [string, unknown, number][] = [];
    const s = new JsonItems({ item: (v, i, l) => items.push([v, i, l]), field: (n, v, r) => fields.push([n, v, r]) });
    for (let i = 0; i < text.length; i += chunk) s.push(text.slice(i, i + chunk));
    s.end();
    return { items, fields };
  };
  const answer = '{"status":"000","message":"정상 \\"ok\\"","list":[\n{"a":"}{[]","b":[1,{"c":2}]},\n 3 , "x",\ntrue],"total_page":2}\n{"list":[],"status":"013"}';

  it("hands on each item and field with its place and line, the same in chunks of any size", () => {
    const whole = scan(answer);
    expect(whole.items).toEqual([[{ a: "}{[]", b: [1, { c: 2 }] }, 0, 2], [3, 1, 3], ["x", 2, 3], [true, 3, 4]]);
    expect(whole.fields).toEqual([["status", "000", 1], ["message", '정상 "ok"', 1], ["total_page", 2, 1], ["status", "013", 2]]);
    for (const size of [1, 2, 3, 7, 64]) expect(scan(answer, size)).toEqual(whole);
  });

  it("refuses what is not JSON of that shape, naming the line", () => {
    const refusal = (text: string) => {
      try {
        scan(text);
      } catch (error) {
        expect(error).toBeInstanceOf(JsonShapeError);
        return `${(error as JsonShapeError).line}: ${(error as Error).message}`;
      }
      throw new Error(`accepted: ${text}`);
    };
    expect(refusal('{"list":[{"a":1},\n')).toBe("2: JSON이 끝나지 않고 잘렸습니다.");
    expect(refusal('{"list":[{"a":1},]}')).toContain("',' 뒤에 항목이 없습니다");
    expect(refusal('{"a":1,}')).toContain("필드 이름이 있어야 할 곳에 '}'");
    expect(refusal('{"list":[{"a":tru}]}')).toBe("1: 1번째 항목을 JSON으로 읽을 수 없습니다.");
    expect(refusal('{"list":{"a":1}}')).toContain("list 필드는 배열이어야 합니다");
    expect(refusal("[1,2]")).toContain("JSON 객체({)가 있어야 할 곳에 '['");
    expect(refusal("")).toContain("빈 파일");
    expect(refusal(`{"list":["${"가".repeat(70_000)}"]}`)).toContain("1번째 항목이 65,536자를 넘습니다");
  });
});

describe("본인 표시", () => {
  const fields = z.object(statedFields);

  it("takes 보유/미보유 and 매수/매도/중립, an empty choice as none, and refuses anything else in Korean", () => {
    expect(fields.parse({ holding: "held", stance: "neutral" })).toEqual({ holding: "held", stance: "neutral" });
    expect(fields.parse({ holding: "", stance: undefined })).toEqual({ holding: null, stance: null });
    expect(fields.safeParse({ stance: "moon" }).error?.issues[0]?.message).toBe("의견은 매수, 매도, 중립, 표시 안 함 가운데 하나를 골라 주세요.");
    expect(fields.safeParse({ holding: ["held"] }).success).toBe(false);
  });

  it("charts the last seven days as stacked bars scaled to the busiest day", () => {
    expect(stanceSince(TODAY)).toBe("2026-11-21");
    expect(stanceChart([], TODAY)).toBeNull();
    const chart = stanceChart(
      [
        { day: "2026-11-27", stance: "buy", posts: 6 },
        { day: "2026-11-27", stance: "sell", posts: 2 },
        { day: "2026-11-25", stance: "neutral", posts: 4 },
        { day: "2026-11-20", stance: "buy", posts: 99 }, // before the window
        { day: "2026-11-26", stance: "moon", posts: 5 }, // not a view
      ],
      TODAY,
    )!;
    expect(chart.days.map((d) => d.label)).toEqual(["11.21", "11.22", "11.23", "11.24", "11.25", "11.26", "11.27"]);
    expect(chart.days.map((d) => d.total)).toEqual([0, 0, 0, 0, 4, 0, 8]);
    expect([chart.max, chart.total]).toEqual([8, 12]);
    const today = chart.bars.filter((b) => b.x === chart.bars.at(-1)!.x);
    expect(today.map((b) => b.stance)).toEqual(["buy", "sell"]);
    // The busiest day's bar fills the plot: its top is near the top; 매수 sits under 매도.
    expect(today[1]!.y).toBeLessThan(today[0]!.y);
    expect(today[0]!.y + today[0]!.height).toBe(chart.height - 16);
    expect(today[0]!.height).toBe(3 * today[1]!.height);
  });
});

describe("the price when a post was written", () => {
  it("compares with a later close only, as a rounded percentage", () => {
    expect(priceSince({ close: 12_300, day: "2026-11-20" }, { close: 14_500, day: "2026-11-27" })).toEqual({ then: 12_300, thenDay: "2026-11-20", now: 14_500, nowDay: "2026-11-27", rate: 17.9, direction: "up" });
    expect(priceSince({ close: 10_000, day: "2026-11-20" }, { close: 9_950, day: "2026-11-21" })).toMatchObject({ rate: -0.5, direction: "down" });
    expect(priceSince({ close: 12_300, day: "2026-11-27" }, { close: 14_500, day: "2026-11-27" })).toBeNull();
    expect(priceSince({ close: null, day: null }, { close: 14_500, day: "2026-11-27" })).toBeNull();
    expect(priceSince({ close: 12_300, day: "2026-11-20" }, null)).toBeNull();
  });
});

describe("writing in batches", () => {
  it("writes each batch before reading on, the last one shorter, nothing for nothing", async () => {
    const seen: string[] = [];
    async function* numbers(n: number) {
      for (let i = 1; i <= n; i++) {
        seen.push(`read ${i}`);
        yield i;
      }
    }
    const sizes: number[] = [];
    await inBatches(numbers(1201), 500, async (batch) => {
      sizes.push(batch.length);
      seen.push(`wrote ${batch.at(-1)}`);
    });
    expect(sizes).toEqual([500, 500, 201]);
    expect(seen.indexOf("wrote 500")).toBe(seen.indexOf("read 500") + 1);
    await inBatches(numbers(0), 500, async () => void sizes.push(-1));
    expect(sizes).toHaveLength(3);
  });
});
