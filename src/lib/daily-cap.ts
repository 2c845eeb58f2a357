// Daily caps count per KST day (PRODUCT: 30 posts and 50 comments a day); a refusal says when
// writing opens again.
import { formatKst, startOfKstDay, startOfNextKstDay } from "./kst-time.ts";

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
