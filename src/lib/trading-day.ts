// Trading days as Korean exports write them, shared by the imports of prices (시세), filings
// (공시) and designations (시장경보).

/** The exchange's first trading day (대한증권거래소, 1956-03-03): no price is older. */
export const FIRST_TRADING_DAY = "1956-03-03";

/** A date as exports write it (2026-11-27, 2026/11/27, 2026.11.27, 20261127) as YYYY-MM-DD, or null. */
export function tradingDay(text: string): string | null {
  const m = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})\.?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCFullYear() !== Number(y) || date.getUTCMonth() !== Number(mo) - 1 || date.getUTCDate() !== Number(d)) return null;
  return `${y}-${mo}-${d}`;
}
