// 닉네임 변경 and what a withdrawn member is shown as (docs/product.md §5).
export const NICKNAME_CHANGE_DAYS = 30; // at most one change in this many days
export const NICKNAME_HOLD_DAYS = 30; // a name given up stays reserved (and shown as 이전 닉네임)
const DAY_MS = 86_400_000;

/** When the member may change the nickname again (null: now). */
export function nextNicknameChange(lastChangedAt: Date | null, now: Date): Date | null {
  if (!lastChangedAt) return null;
  const next = new Date(lastChangedAt.getTime() + NICKNAME_CHANGE_DAYS * DAY_MS);
  return next > now ? next : null;
}

export function holdUntil(now: Date): Date {
  return new Date(now.getTime() + NICKNAME_HOLD_DAYS * DAY_MS);
}
