// Korea Standard Time is UTC+9 all year (no daylight saving), so KST calendar arithmetic is
// a fixed offset. Every date a user sees, every "day" (view counting, daily caps) and every
// "month" (jury panels) is a KST one.
const KST_OFFSET_MS = 9 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, "0");

function kstParts(date: Date) {
  const k = new Date(date.getTime() + KST_OFFSET_MS);
  return {
    year: k.getUTCFullYear(),
    month: k.getUTCMonth() + 1,
    day: k.getUTCDate(),
    hour: k.getUTCHours(),
    minute: k.getUTCMinutes(),
  };
}

/** `2024/01/22 20:54`, the seed page's format. */
export function formatKst(date: Date): string {
  const p = kstParts(date);
  return `${p.year}/${pad(p.month)}/${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** `2024-01-22`: the KST calendar day. */
export function kstDay(date: Date): string {
  const p = kstParts(date);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** `2024-01`: the KST calendar month. */
export function kstMonth(date: Date): string {
  const p = kstParts(date);
  return `${p.year}-${pad(p.month)}`;
}

/** The instant the KST day containing `date` began. */
export function startOfKstDay(date: Date): Date {
  const p = kstParts(date);
  return new Date(Date.UTC(p.year, p.month - 1, p.day) - KST_OFFSET_MS);
}

/** The instant the next KST day begins. */
export function startOfNextKstDay(date: Date): Date {
  const p = kstParts(date);
  return new Date(Date.UTC(p.year, p.month - 1, p.day + 1) - KST_OFFSET_MS);
}

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: string): boolean {
  return MONTH_PATTERN.test(value);
}

/** The instants a KST month (`YYYY-MM`) starts and ends (end exclusive). */
export function kstMonthRange(month: string): { start: Date; end: Date } {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return {
    start: new Date(Date.UTC(year, index, 1) - KST_OFFSET_MS),
    end: new Date(Date.UTC(year, index + 1, 1) - KST_OFFSET_MS),
  };
}

/** `2026-01` → `2025-12`. */
export function previousMonth(month: string): string {
  const { start } = kstMonthRange(month);
  return kstMonth(new Date(start.getTime() - 1));
}
