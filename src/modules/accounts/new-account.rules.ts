// New accounts wait (docs/product.md §3): a sock puppet made today has no voice today. An
// account may 추천/반대 and 신고 once it is `minAgeHours` old, and during its first day (or its
// whole waiting time, if shorter) writes fewer posts and comments. minAgeHours 0 turns the
// rules off (local demos). Pure.
import { formatKst, startOfNextKstDay } from "../../lib/kst-time.ts";

const HOUR_MS = 3_600_000;

export const FIRST_DAY_POSTS_PER_DAY = 5;
export const FIRST_DAY_COMMENTS_PER_DAY = 10;

/** "3일" for whole days, "36시간" otherwise. */
export function ageWords(hours: number): string {
  return hours % 24 === 0 ? `${hours / 24}일` : `${hours}시간`;
}

const ACTIONS = { vote: "추천/반대할", commentVote: "공감/비공감할", report: "신고할" } as const;

/** When a new account may vote and report, or null when it already may. */
export function voiceOpensAt(joinedAt: Date, now: Date, minAgeHours: number): Date | null {
  const opens = new Date(joinedAt.getTime() + minAgeHours * HOUR_MS);
  return opens > now ? opens : null;
}

/** Why this account may not yet take `action`, with when it may; null when it may. */
export function newAccountWait(action: keyof typeof ACTIONS, joinedAt: Date, now: Date, minAgeHours: number): string | null {
  const opens = voiceOpensAt(joinedAt, now, minAgeHours);
  if (!opens) return null;
  return `가입 ${ageWords(minAgeHours)} 후부터 ${ACTIONS[action]} 수 있습니다. ${formatKst(opens)}부터 ${ACTIONS[action]} 수 있습니다.`;
}

/** The account's daily cap now, and the message and reopening time when it is a first-day cap. */
export function dailyCapFor(kind: "posts" | "comments", normal: number, joinedAt: Date, now: Date, minAgeHours: number): { cap: number; firstDay: boolean; reopensAt: Date } {
  const firstDayEnds = new Date(joinedAt.getTime() + Math.min(24, minAgeHours) * HOUR_MS);
  const nextDay = startOfNextKstDay(now);
  if (firstDayEnds <= now) return { cap: normal, firstDay: false, reopensAt: nextDay };
  const cap = Math.min(normal, kind === "posts" ? FIRST_DAY_POSTS_PER_DAY : FIRST_DAY_COMMENTS_PER_DAY);
  return { cap, firstDay: true, reopensAt: firstDayEnds < nextDay ? firstDayEnds : nextDay };
}
