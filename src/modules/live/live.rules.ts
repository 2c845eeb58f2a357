// The live board's rules (pure): what a stream's resume point may be, how far back it reaches,
// and how an event is written on the wire (server-sent events, docs/decisions/0038).

/** Events one catch-up sends at most; past it the page is told to reload (`stale`). */
export const CATCH_UP_MAX = 100;
/** A first connection's `since` reaches back at most this far (a page open longer reloads to catch up). */
export const SINCE_MAX_AGE_MS = 10 * 60_000;
/**
 * A first connection reaches this much further back than its page's render time: a comment is
 * stamped when its transaction starts and may commit just after the page was drawn. The page
 * skips comments it already shows.
 */
export const SINCE_MARGIN_MS = 5_000;
/** The post numbers a list page names for its stream to check (a page shows 20). */
export const SHOWN_MAX = 50;
/** Bytes a stream may have waiting unsent before the reader is dropped as too slow. */
export const STREAM_BUFFER_MAX = 64 * 1024;
/** What a refused stream is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 30;
/** The browser's wait before reconnecting a dropped stream (its `retry:` field). */
export const RECONNECT_MS = 3_000;

const ID = /^\d{1,15}$/;

/**
 * A resume point (`Last-Event-ID`, or `after`): digits only, at most 15 of them, so it is a
 * safe integer. Absent is null; anything else is refused (undefined).
 */
export function resumePoint(value: unknown): number | null | undefined {
  if (value === undefined || value === "") return null;
  if (typeof value !== "string" || !ID.test(value)) return undefined;
  return Number(value);
}

/** A first connection's `since` (ms since the epoch), kept within the last SINCE_MAX_AGE_MS. */
export function sinceOf(value: unknown, now: Date): Date | null | undefined {
  const point = resumePoint(value);
  if (point === null || point === undefined) return point;
  return new Date(Math.min(now.getTime(), Math.max(point, now.getTime() - SINCE_MAX_AGE_MS)));
}

/** The post numbers a list page shows (`shown=12,11,10`): at most SHOWN_MAX, each a post number. */
export function shownNumbers(value: unknown): number[] | undefined {
  if (value === undefined || value === "") return [];
  if (typeof value !== "string" || value.length > SHOWN_MAX * 16) return undefined;
  const parts = value.split(",");
  if (parts.length > SHOWN_MAX || parts.some((p) => !ID.test(p) || p === "0")) return undefined;
  return [...new Set(parts.map(Number))];
}

/**
 * One event as the wire carries it. `data` is JSON, which never holds a raw line break, so an
 * event cannot end early or forge another.
 */
export function sseEvent(event: string, data: unknown, id?: number): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: keeps proxies and the browser from timing an idle stream out. */
export const HEARTBEAT = ": \n\n";
