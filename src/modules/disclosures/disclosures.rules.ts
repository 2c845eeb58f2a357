// 공시 (pure): a filing as DART's OpenAPI `list.json` gives it, checked field by field, and the
// link to it in DART's viewer. DART answers a page of filings as
// { status, message, page_no, page_count, total_count, total_page, list: [ … ] }.
import { tradingDay } from "../../lib/trading-day.ts";

export interface Filing {
  receiptNo: string;
  stockCode: string;
  corpCode: string;
  corpName: string;
  reportName: string;
  filerName: string;
  day: string; // YYYY-MM-DD
  remark: string;
}

/** A filing is in DART's viewer under its receipt number. */
export function dartViewerUrl(receiptNo: string): string {
  return `https://dart.fss.or.kr/dsaf001/main.do?rcpNo=${receiptNo}`;
}

/** DART's status of an answer: 000 is 정상, 013 is 조회된 데이타가 없습니다 (an empty page); any other is an error answer. */
export function dartStatusProblem(status: unknown, message: unknown): string | null {
  if (status === undefined || status === "000" || status === "013") return null;
  return `DART가 오류로 답한 파일입니다 (status ${JSON.stringify(status)}${typeof message === "string" ? `: ${message}` : ""}).`;
}

const TEXT_MAX = { corp_name: 100, report_nm: 300, flr_nm: 100, rm: 20 } as const;

/** A field as text: trimmed, runs of spaces made one (DART pads report names), no control characters. */
function text(value: unknown, name: keyof typeof TEXT_MAX, required: boolean): string | { problem: string } {
  if (value === undefined || value === null) return required ? { problem: `${name}이 없습니다.` } : "";
  if (typeof value !== "string") return { problem: `${name}이 문자열이 아닙니다.` };
  if (/[\u0000-\u001f\u007f]/.test(value.replace(/[\t\r\n]/g, " "))) return { problem: `${name}에 제어 문자가 있습니다.` };
  const flat = value.replace(/\s+/g, " ").trim();
  if (required && flat === "") return { problem: `${name}이 비어 있습니다.` };
  if ([...flat].length > TEXT_MAX[name]) return { problem: `${name}이 ${TEXT_MAX[name]}자를 넘습니다.` };
  return flat;
}

/**
 * One element of `list` as a filing, or why it is skipped. `today` (KST) is the latest receipt
 * day; a company without a stock code (unlisted) has no board and is skipped too.
 */
export function readFiling(value: unknown, today: string): Filing | { problem: string } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { problem: "공시 항목이 객체가 아닙니다." };
  const v = value as Record<string, unknown>;
  const receiptNo = typeof v.rcept_no === "string" ? v.rcept_no.trim() : "";
  if (!/^[0-9]{14}$/.test(receiptNo)) return { problem: `rcept_no ${JSON.stringify(v.rcept_no ?? null)}: 14자리 접수번호가 아닙니다.` };
  const stockCode = typeof v.stock_code === "string" ? v.stock_code.trim() : "";
  if (stockCode === "") return { problem: `${receiptNo}: 종목코드(stock_code)가 없는 회사의 공시입니다 (상장 종목이 아닙니다).` };
  if (!/^[0-9]{6}$/.test(stockCode)) return { problem: `${receiptNo}: stock_code ${JSON.stringify(v.stock_code)}: 6자리 종목코드가 아닙니다.` };
  const corpCode = typeof v.corp_code === "string" ? v.corp_code.trim() : "";
  if (!/^[0-9]{8}$/.test(corpCode)) return { problem: `${receiptNo}: corp_code ${JSON.stringify(v.corp_code ?? null)}: 8자리 고유번호가 아닙니다.` };
  const rawDay = typeof v.rcept_dt === "string" ? v.rcept_dt.trim() : "";
  const day = /^[0-9]{8}$/.test(rawDay) ? tradingDay(rawDay) : null;
  if (!day) return { problem: `${receiptNo}: rcept_dt ${JSON.stringify(v.rcept_dt ?? null)}: 접수일자(YYYYMMDD)를 읽을 수 없습니다.` };
  if (day > today) return { problem: `${receiptNo}: 접수일자 ${day}: 오늘(${today})보다 뒤인 날입니다.` };
  if (!receiptNo.startsWith(rawDay)) return { problem: `${receiptNo}: 접수번호가 접수일자 ${rawDay}로 시작하지 않습니다.` };
  const fields: Record<keyof typeof TEXT_MAX, string> = { corp_name: "", report_nm: "", flr_nm: "", rm: "" };
  for (const name of Object.keys(TEXT_MAX) as (keyof typeof TEXT_MAX)[]) {
    const read = text(v[name], name, name !== "rm");
    if (typeof read !== "string") return { problem: `${receiptNo}: ${read.problem}` };
    fields[name] = read;
  }
  return { receiptNo, stockCode, corpCode, corpName: fields.corp_name, reportName: fields.report_nm, filerName: fields.flr_nm, day, remark: fields.rm };
}

/** Filings per page on the 공시 tab; the header lists this many of today's. */
export const DISCLOSURES_PER_PAGE = 20;
export const HEADER_FILINGS = 3;
