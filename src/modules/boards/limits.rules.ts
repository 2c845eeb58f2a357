// Writing limits (PRODUCT.md §2, §3). Counted in grapheme clusters; caps per KST day.
import { formatKst, startOfKstDay, startOfNextKstDay } from "../../lib/kst-time.ts";

export const TITLE_MAX = 100;
export const BODY_MAX = 6000;
export const COMMENT_MAX = 1000;
// The big portal board's caps against flooding.
export const POSTS_PER_DAY = 30;
export const COMMENTS_PER_DAY = 50;

export function kstDayWindow(now: Date) {
  const reopensAt = startOfNextKstDay(now);
  return {
    since: startOfKstDay(now),
    reopensAt,
    retryAfterSeconds: Math.max(1, Math.ceil((reopensAt.getTime() - now.getTime()) / 1000)),
  };
}

export function dailyCapMessage(what: "글" | "댓글", cap: number, reopensAt: Date): string {
  return `${what}은 하루에 ${cap}개까지 쓸 수 있습니다. ${formatKst(reopensAt)}부터 다시 쓸 수 있습니다.`;
}
