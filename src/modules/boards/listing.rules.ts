// A listing file (상장법인목록) as the boards it names (pure): which columns hold the company
// name, the code and the market, and which rows are usable. A bad row is reported with its
// line and left out; it never reaches the database half-read.
import { withJosa } from "../../lib/particles.ts";
import { builtinRules, CATEGORY_LABELS, Filter } from "../cleanbot/cleanbot.rules.ts";
import { countGraphemes } from "../../lib/graphemes.ts";
import { hasInvisible, isBlank, textProblem, textProblemMessage } from "../../lib/input.ts";
import { OperatorError } from "../../lib/operator-error.ts";
import { columnOf, type TableRow } from "../../lib/tabular.ts";

export const MARKETS = ["KOSPI", "KOSDAQ", "KONEX"] as const;
export type Market = (typeof MARKETS)[number];

const NAME_COLUMNS = ["회사명", "종목명", "한글종목약명", "한글종목명", "기업명"];
const CODE_COLUMNS = ["종목코드", "단축코드", "코드"];
const MARKET_COLUMNS = ["시장구분", "시장", "시장명"];
const NAME_MAX = 60;

// How exports name the markets: KRX's own words, the English names, the short forms.
const MARKET_NAMES: Record<string, Market> = {
  kospi: "KOSPI", 유가증권: "KOSPI", 유가증권시장: "KOSPI", 유가: "KOSPI", 코스피: "KOSPI", stk: "KOSPI",
  kosdaq: "KOSDAQ", 코스닥: "KOSDAQ", 코스닥시장: "KOSDAQ", ksq: "KOSDAQ",
  konex: "KONEX", 코넥스: "KONEX", 코넥스시장: "KONEX", knx: "KONEX",
};

export function marketOf(text: string): Market | null {
  return MARKET_NAMES[text.replace(/\s+/g, "").toLowerCase()] ?? null;
}

export interface ListedCompany {
  line: number;
  stockCode: string;
  stockName: string;
  market: Market;
}

export interface RowProblem {
  line: number;
  message: string;
}

export interface Listing {
  companies: ListedCompany[];
  problems: RowProblem[];
  /** The markets the file covers: a company of these missing from it has left its market. */
  markets: Market[];
}

/**
 * The companies of a listing table. `market` is for files without a 시장구분 column (one
 * market's download); a file with the column names each row's market itself.
 */
export function readListing(rows: TableRow[], market?: Market): Listing {
  const headerAt = rows.findIndex((r) => columnOf(r.cells, NAME_COLUMNS) >= 0 && columnOf(r.cells, CODE_COLUMNS) >= 0);
  if (headerAt < 0) throw new ListingError("머리글 줄을 찾을 수 없습니다: 회사명(또는 종목명)과 종목코드 열이 있어야 합니다.");
  const header = rows[headerAt]!.cells;
  const nameAt = columnOf(header, NAME_COLUMNS);
  const codeAt = columnOf(header, CODE_COLUMNS);
  const marketAt = columnOf(header, MARKET_COLUMNS);
  if (marketAt < 0 && !market) throw new ListingError("시장구분 열이 없는 파일입니다: --market KOSPI 처럼 시장을 알려 주세요.");

  const companies: ListedCompany[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(headerAt + 1)) {
    const problem = (message: string) => problems.push({ line: row.line, message });
    const rawName = row.cells[nameAt] ?? "";
    const rawCode = (row.cells[codeAt] ?? "").trim();
    if (!/^[0-9]{1,6}$/.test(rawCode)) {
      problem(rawCode === "" ? "종목코드가 비어 있습니다." : `종목코드 ${withJosa(`'${rawCode}'`, "은/는")} 6자리 숫자가 아닙니다.`);
      continue;
    }
    // A spreadsheet that read the code as a number dropped its leading zeros (5930 for 005930).
    const stockCode = rawCode.padStart(6, "0");
    // The checks every text field makes (src/lib/input.ts), before the name is normalized.
    const shape = textProblem(rawName, NAME_MAX);
    if (shape) {
      problem(`${stockCode}: ${textProblemMessage(shape, "회사명", NAME_MAX)}`);
      continue;
    }
    const name = rawName.normalize("NFC").trim();
    if (isBlank(name)) {
      problem(`${stockCode}: 회사명이 비어 있습니다.`);
      continue;
    }
    if (hasInvisible(name)) {
      problem(`${stockCode}: 회사명에 보이지 않는 문자가 들어 있습니다.`);
      continue;
    }
    if (countGraphemes(name) > NAME_MAX || /[<>]/.test(name)) {
      problem(`${stockCode}: 회사명을 쓸 수 없습니다 (${NAME_MAX}자 이내, <> 없이).`);
      continue;
    }
    // A board's name heads every page of it: 클린봇's built-in words refuse it.
    const found = boardNameFilter().screen(name);
    if (found.length > 0) {
      problem(`${stockCode}: 회사명에 클린봇이 막는 표현이 있습니다 (${CATEGORY_LABELS[found[0]!.category]}: '${name.slice(found[0]!.from, found[0]!.to)}').`);
      continue;
    }
    const marketText = marketAt >= 0 ? (row.cells[marketAt] ?? "").trim() : market!;
    const rowMarket = marketOf(marketText);
    if (!rowMarket) {
      problem(`${stockCode}: 시장구분 ${withJosa(`'${marketText}'`, "을/를")} 알 수 없습니다 (KOSPI, KOSDAQ, KONEX).`);
      continue;
    }
    const earlier = seen.get(stockCode);
    if (earlier !== undefined) {
      problem(`${stockCode}: ${earlier}번째 줄과 종목코드가 겹칩니다.`);
      continue;
    }
    seen.set(stockCode, row.line);
    companies.push({ line: row.line, stockCode, stockName: name, market: rowMarket });
  }
  const markets = marketAt >= 0 ? MARKETS.filter((m) => companies.some((c) => c.market === m)) : [market!];
  return { companies, problems, markets };
}

/** A listing the import refuses as a whole (a command prints it as one line). */
export class ListingError extends OperatorError {}

let filter: Filter | null = null;
/** The built-in words, compiled on the first import that needs them. */
function boardNameFilter(): Filter {
  return (filter ??= new Filter(builtinRules()));
}
