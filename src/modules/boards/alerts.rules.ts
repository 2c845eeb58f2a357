// 시장경보 and trading status (pure): the exchange's designations of a stock (투자주의, 투자경고,
// 투자위험, 거래정지, 관리종목) as a table of them is read, and which are in force on a day.
// A designation holds from its 지정일 until the day before its 해제일 (the day trading is normal
// again); without a 해제일 it holds until a later file gives one.
import { withJosa } from "../../lib/particles.ts";
import { columnOf, type TableRow } from "../../lib/tabular.ts";
import { OperatorError } from "../../lib/operator-error.ts";
import { FIRST_TRADING_DAY, tradingDay } from "../../lib/trading-day.ts";

export const ALERT_KINDS = ["caution", "warning", "risk", "halt", "managed"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

const KRX_MARKET_WARNINGS = "https://kind.krx.co.kr/investwarn/investattentwarnrisky.do?method=investattentwarnriskyMain";

/** What each designation is called, whether the board warns of it above its list, and what it means. */
export const ALERTS: Record<AlertKind, { label: string; banner: boolean; meaning: string; link: string }> = {
  caution: {
    label: "투자주의",
    banner: false,
    meaning: "주가가 짧은 기간에 크게 오르거나 몇몇 계좌에 거래가 몰려 한국거래소가 투자자의 주의를 당부한 종목입니다.",
    link: KRX_MARKET_WARNINGS,
  },
  warning: {
    label: "투자경고",
    banner: true,
    meaning:
      "주가가 짧은 기간에 비정상적으로 올라 한국거래소가 투자경고종목으로 지정했습니다. 살 때 증거금 100%가 필요하고 신용거래로 살 수 없으며, 급등이 이어지면 매매거래가 정지되거나 투자위험종목이 될 수 있습니다.",
    link: KRX_MARKET_WARNINGS,
  },
  risk: {
    label: "투자위험",
    banner: true,
    meaning:
      "투자경고 뒤에도 급등이 이어져 한국거래소가 시장경보의 가장 높은 단계인 투자위험종목으로 지정했습니다. 신용거래로 살 수 없고, 매매거래가 정지될 수 있습니다.",
    link: KRX_MARKET_WARNINGS,
  },
  halt: {
    label: "거래정지",
    banner: true,
    meaning: "한국거래소가 이 종목의 매매거래를 정지했습니다. 정지된 동안에는 사고팔 수 없습니다. 정지 사유와 재개일은 공시에서 확인하세요.",
    link: "https://kind.krx.co.kr/investwarn/tradinghaltissue.do?method=searchTradingHaltIssueMain",
  },
  managed: {
    label: "관리종목",
    banner: false,
    meaning: "실적이나 감사의견 등이 상장폐지 기준에 가까워 한국거래소가 관리종목으로 지정한 종목입니다.",
    link: "https://kind.krx.co.kr/investwarn/adminissue.do?method=searchAdminIssueList",
  },
};

/** The names a file may give a designation (with or without 종목, 매매 before 거래정지). */
const KIND_NAMES = new Map<string, AlertKind>(
  ALERT_KINDS.flatMap((k) => {
    const label = ALERTS[k].label;
    return [label, `${label}종목`, ...(k === "halt" ? ["매매거래정지", "매매정지"] : [])].map((name) => [name, k] as [string, AlertKind]);
  }),
);

const COLUMNS = {
  code: ["종목코드", "단축코드", "코드", "code"],
  kind: ["구분", "지정구분", "종류", "kind", "type"],
  start: ["지정일", "정지일", "시작일", "start", "from"],
  end: ["해제일", "재개일", "종료일", "end", "until"],
} as const;

export interface Designation {
  line: number;
  stockCode: string;
  kind: AlertKind;
  startDay: string;
  endDay: string | null;
}

export interface AlertProblem {
  line: number;
  message: string;
}

export class AlertsError extends OperatorError {}

/** Where each column is, from the file's header row; a header without the needed columns is refused. */
export function alertColumns(header: string[]): Record<keyof typeof COLUMNS, number> {
  const at = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, columnOf(header, names)])) as Record<keyof typeof COLUMNS, number>;
  for (const k of ["code", "kind", "start"] as const) {
    if (at[k] < 0) throw new AlertsError(`머리글 줄에 ${COLUMNS[k][0]} 열이 없습니다 (열: 종목코드, 구분, 지정일, 해제일).`);
  }
  return at;
}

/** One row of the file as a designation, or why it cannot be one. `today` (KST) is the latest 지정일. */
export function readDesignation(row: TableRow, at: Record<keyof typeof COLUMNS, number>, today: string): Designation | AlertProblem {
  const cell = (k: keyof typeof COLUMNS) => (at[k] >= 0 ? (row.cells[at[k]] ?? "").trim() : "");
  const problem = (message: string): AlertProblem => ({ line: row.line, message });
  if (row.cells.some((c) => c.includes("\uFFFD"))) return problem("읽을 수 없는 바이트가 있습니다 (파일의 인코딩이 UTF-8이나 CP949가 아니거나 깨졌습니다).");
  const rawCode = cell("code").replace(/^A(?=[0-9]{6}$)/, "");
  if (!/^[0-9]{6}$/.test(rawCode)) return problem(`종목코드 ${withJosa(`'${cell("code")}'`, "은/는")} 6자리 숫자가 아닙니다.`);
  const kind = KIND_NAMES.get(cell("kind").replace(/\s+/g, ""));
  if (!kind) return problem(`${rawCode}: 구분 ${withJosa(`'${cell("kind")}'`, "은/는")} 투자주의, 투자경고, 투자위험, 거래정지, 관리종목 가운데 하나여야 합니다.`);
  const startDay = tradingDay(cell("start"));
  if (!startDay) return problem(`${rawCode}: 지정일 ${withJosa(`'${cell("start")}'`, "을/를")} 읽을 수 없습니다 (예: 2026-11-27).`);
  if (startDay < FIRST_TRADING_DAY || startDay > today) return problem(`${rawCode}: 지정일 ${startDay}: ${FIRST_TRADING_DAY}부터 오늘(${today})까지의 날이어야 합니다.`);
  let endDay: string | null = null;
  if (cell("end") !== "" && cell("end") !== "-") {
    endDay = tradingDay(cell("end"));
    if (!endDay) return problem(`${rawCode}: 해제일 ${withJosa(`'${cell("end")}'`, "을/를")} 읽을 수 없습니다 (예: 2026-11-27, 해제되지 않았으면 비워 두세요).`);
    if (endDay < startDay) return problem(`${rawCode}: 해제일 ${endDay}이 지정일 ${startDay}보다 앞섭니다.`);
  }
  return { line: row.line, stockCode: rawCode, kind, startDay, endDay };
}

/** Whether a designation holds on `day`. */
export function inForce(d: { startDay: string; endDay: string | null }, day: string): boolean {
  return d.startDay <= day && (d.endDay === null || day < d.endDay);
}

/** The kinds in force, in the order of ALERT_KINDS (the badges' order), once each. */
export function alertsInForce(designations: { kind: string; startDay: string; endDay: string | null }[], day: string): AlertKind[] {
  const kinds = new Set(designations.filter((d) => inForce(d, day)).map((d) => d.kind));
  return ALERT_KINDS.filter((k) => kinds.has(k));
}
