// 시세 (pure): reading daily prices from a table as exchanges and data vendors export them,
// and what the board header shows of them — the last close, its change from the day before,
// and a three-month chart drawn as SVG geometry.
import { withJosa } from "../../lib/particles.ts";
import { OperatorError } from "../../lib/operator-error.ts";
import { columnOf, type TableRow } from "../../lib/tabular.ts";
import { FIRST_TRADING_DAY, tradingDay } from "../../lib/trading-day.ts";

export { FIRST_TRADING_DAY, tradingDay };

const COLUMNS = {
  code: ["종목코드", "단축코드", "코드", "code", "symbol", "ticker"],
  day: ["일자", "날짜", "거래일", "date", "day"],
  open: ["시가", "open"],
  high: ["고가", "high"],
  low: ["저가", "low"],
  close: ["종가", "close"],
  volume: ["거래량", "volume"],
} as const;

/** The header shows this much history. */
export const CHART_DAYS = 92;
/** Prices read per board for the header: three months of trading days with room for holidays. */
export const HEADER_ROWS = 80;
const PRICE_MAX = 100_000_000; // won; no Korean share trades above this

export interface DailyQuote {
  line: number;
  stockCode: string;
  day: string; // YYYY-MM-DD
  open: number;
  high: number;
  low: number;
  close: number;
  volume: bigint;
}

export interface QuoteProblem {
  line: number;
  message: string;
}

export class QuotesError extends OperatorError {}

/** A whole number as exports write it ("71,500", "71500"), or null: commas only as thousands separators ("1,0,0" is no number). */
function wholeNumber(text: string): bigint | null {
  const trimmed = text.trim();
  if (!/^-?([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,19})$/.test(trimmed)) return null;
  const plain = trimmed.replace(/,/g, "");
  return plain.replace(/^-/, "").length <= 19 ? BigInt(plain) : null;
}

/**
 * The daily prices of a table. A file of one stock (KRX's 개별종목 시세) has no code column:
 * `stockCode` names it. `latestDay` (today, YYYY-MM-DD in KST) is the newest day a price can
 * have; without it only days before the exchange opened are refused.
 */
export function readQuotes(rows: TableRow[], stockCode?: string, latestDay?: string): { quotes: DailyQuote[]; problems: QuoteProblem[] } {
  const headerAt = rows.findIndex((r) => columnOf(r.cells, COLUMNS.day) >= 0 && columnOf(r.cells, COLUMNS.close) >= 0);
  if (headerAt < 0) throw new QuotesError("머리글 줄을 찾을 수 없습니다: 일자(date)와 종가(close) 열이 있어야 합니다.");
  const header = rows[headerAt]!.cells;
  const at = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, columnOf(header, names)])) as Record<keyof typeof COLUMNS, number>;
  for (const k of ["open", "high", "low", "volume"] as const) {
    if (at[k] < 0) throw new QuotesError(`${COLUMNS[k][0]}(${COLUMNS[k].at(-1)}) 열이 없습니다.`);
  }
  if (at.code < 0 && !stockCode) throw new QuotesError("종목코드 열이 없는 파일입니다: --code 005930 처럼 종목을 알려 주세요.");

  const quotes: DailyQuote[] = [];
  const problems: QuoteProblem[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(headerAt + 1)) {
    const problem = (message: string) => problems.push({ line: row.line, message });
    const cell = (k: keyof typeof COLUMNS) => (row.cells[at[k]] ?? "").trim();
    const rawCode = at.code >= 0 ? cell("code").replace(/^A(?=[0-9]{6}$)/, "") : stockCode!;
    if (!/^[0-9]{1,6}$/.test(rawCode)) {
      problem(`종목코드 ${withJosa(`'${rawCode}'`, "은/는")} 6자리 숫자가 아닙니다.`);
      continue;
    }
    const code = rawCode.padStart(6, "0");
    const day = tradingDay(cell("day"));
    if (!day) {
      problem(`${code}: 날짜 ${withJosa(`'${cell("day")}'`, "을/를")} 읽을 수 없습니다 (예: 2026-11-27).`);
      continue;
    }
    if (day < FIRST_TRADING_DAY || (latestDay !== undefined && day > latestDay)) {
      problem(`${code}: 날짜 ${day}: 거래일이 될 수 없는 날입니다 (${FIRST_TRADING_DAY}부터 ${latestDay ?? "오늘"}까지).`);
      continue;
    }
    const values: Record<"open" | "high" | "low" | "close", number> = { open: 0, high: 0, low: 0, close: 0 };
    let bad: string | null = null;
    for (const k of ["open", "high", "low", "close"] as const) {
      const n = wholeNumber(cell(k));
      if (n === null || n <= 0n || n > BigInt(PRICE_MAX)) {
        bad = `${code} ${day}: ${COLUMNS[k][0]} ${withJosa(`'${cell(k)}'`, "은/는")} 0보다 큰 원 단위 가격이어야 합니다.`;
        break;
      }
      values[k] = Number(n);
    }
    if (bad) {
      problem(bad);
      continue;
    }
    const volume = wholeNumber(cell("volume"));
    if (volume === null || volume < 0n) {
      problem(`${code} ${day}: 거래량 ${withJosa(`'${cell("volume")}'`, "은/는")} 0 이상의 정수여야 합니다.`);
      continue;
    }
    if (values.low > Math.min(values.open, values.close) || values.high < Math.max(values.open, values.close)) {
      problem(`${code} ${day}: 고가·저가가 시가·종가를 감싸지 않습니다.`);
      continue;
    }
    const key = `${code} ${day}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problem(`${code} ${day}: ${earlier}번째 줄과 겹칩니다.`);
      continue;
    }
    seen.set(key, row.line);
    quotes.push({ line: row.line, stockCode: code, day, ...values, volume });
  }
  return { quotes, problems };
}

export interface HeaderDay {
  day: string;
  close: number;
  high: number;
  low: number;
  volume?: number; // shares traded; absent where a source had none
}

export interface PriceHeader {
  day: string; // of the last close
  close: number;
  high: number; // the last day's range and shares traded
  low: number;
  volume: number | null;
  change: number | null; // from the previous trading day's close; null without one
  rate: number | null; // percent
  direction: "up" | "down" | "flat";
  chart: PriceChart | null; // null with fewer than two days
}

export interface PriceChart {
  width: number;
  height: number;
  line: string; // polyline points
  area: string; // polygon points under the line
  from: { day: string; close: number };
  to: { day: string; close: number };
  high: { day: string; price: number };
  low: { day: string; price: number };
  direction: "up" | "down" | "flat"; // over the chart's span
}

const direction = (change: number): PriceHeader["direction"] => (change > 0 ? "up" : change < 0 ? "down" : "flat");

/** What the header shows, from a board's newest days (newest first), or null without any. */
export function priceHeader(newestFirst: HeaderDay[]): PriceHeader | null {
  const last = newestFirst[0];
  if (!last) return null;
  const before = newestFirst[1];
  const change = before ? last.close - before.close : null;
  const since = shiftDay(last.day, -CHART_DAYS);
  const span = newestFirst.filter((d) => d.day >= since).reverse();
  return {
    day: last.day,
    close: last.close,
    high: last.high,
    low: last.low,
    volume: last.volume ?? null,
    change,
    rate: change === null ? null : Math.round((change / before!.close) * 10_000) / 100,
    direction: direction(change ?? 0),
    chart: span.length >= 2 ? priceChart(span) : null,
  };
}

function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const CHART_WIDTH = 240;
const CHART_HEIGHT = 64;
const PAD = 2;

/** The chart of closes, oldest first, scaled to the span's lowest low and highest high. */
export function priceChart(days: HeaderDay[]): PriceChart {
  let high = days[0]!;
  let low = days[0]!;
  for (const d of days) {
    if (d.high > high.high) high = d;
    if (d.low < low.low) low = d;
  }
  const range = Math.max(1, high.high - low.low);
  const x = (i: number) => PAD + (i * (CHART_WIDTH - 2 * PAD)) / (days.length - 1);
  const y = (price: number) => PAD + ((high.high - price) * (CHART_HEIGHT - 2 * PAD)) / range;
  const points = days.map((d, i) => `${x(i).toFixed(1)},${y(d.close).toFixed(1)}`);
  const first = days[0]!;
  const last = days.at(-1)!;
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    line: points.join(" "),
    area: `${x(0).toFixed(1)},${CHART_HEIGHT} ${points.join(" ")} ${x(days.length - 1).toFixed(1)},${CHART_HEIGHT}`,
    from: { day: first.day, close: first.close },
    to: { day: last.day, close: last.close },
    high: { day: high.day, price: high.high },
    low: { day: low.day, price: low.low },
    direction: direction(last.close - first.close),
  };
}

export interface PriceSince {
  then: number; // the close known when the post was written
  thenDay: string;
  now: number; // the latest close
  nowDay: string;
  rate: number; // percent, one decimal
  direction: "up" | "down" | "flat";
}

/**
 * "작성 시 12,300원 → 최근 종가 14,500원 (+17.9%)": the close a post was written beside against
 * the latest, once a later trading day's close exists; null before that or without a price.
 */
export function priceSince(then: { close: number | null; day: string | null }, latest: Pick<PriceHeader, "close" | "day"> | null | undefined): PriceSince | null {
  if (then.close === null || then.day === null || !latest || latest.day <= then.day) return null;
  const rate = Math.round(((latest.close - then.close) / then.close) * 1000) / 10;
  return { then: then.close, thenDay: then.day, now: latest.close, nowDay: latest.day, rate, direction: direction(latest.close - then.close) };
}
