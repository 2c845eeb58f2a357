// Daily caps count per KST day (PRODUCT: 30 posts and 50 comments a day); a refusal says when
// writing opens again.
import { formatKst, startOfKstDay, startOfNextKstDay } from "./kst-time.ts";

export function kstDayWindow(now: Date) {
  const reopensAt = startOfNextKstDay(now);
  return { since: startOfKstDay(now), reopensAt, retryAfterSeconds: secondsUntil(reopensAt, now) };
}

/** Whole seconds from `now` until `then`, at least 1: a refusal's Retry-After. */
export function secondsUntil(then: Date, now: Date): number {
  return Math.max(1, Math.ceil((then.getTime() - now.getTime()) / 1000));
}

// The topic particle follows the noun's last syllable: 글은, 댓글은, 신고는.
const TOPIC = { 글: "글은", 댓글: "댓글은", 신고: "신고는" } as const;
const VERB = { 글: "쓸", 댓글: "쓸", 신고: "할" } as const;

/** `firstDay`: the lower cap of an account's first day (src/modules/accounts/new-account.rules.ts). */
export function dailyCapMessage(what: keyof typeof TOPIC, cap: number, reopensAt: Date, firstDay = false): string {
  return `${firstDay ? "가입 첫날에는 " : ""}${TOPIC[what]} 하루에 ${cap}개까지 ${VERB[what]} 수 있습니다. ${formatKst(reopensAt)}부터 다시 ${VERB[what]} 수 있습니다.`;
}
