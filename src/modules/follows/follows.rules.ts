// 관심종목 (docs/product.md §15): the boards a member follows, in the member's order.
export const FOLLOWS_MAX = 50;
// The home page shows each followed board's newest posts: the last few numbers handed out, of
// which the public ones are shown.
export const NEWEST_PER_BOARD = 3;
export const NEWEST_NUMBERS_READ = 6;

export const TOO_MANY_FOLLOWS = `관심종목은 ${FOLLOWS_MAX}개까지 추가할 수 있습니다. 다른 종목을 해제한 뒤 추가해 주세요.`;

/**
 * The posts written since the member last opened the board's list: the numbers handed out
 * since (dense numbers; a post deleted meanwhile is still counted), shown up to 999.
 */
export function newSince(lastPostNumber: number, seenNumber: number): string | null {
  const n = lastPostNumber - seenNumber;
  if (n <= 0) return null;
  return n > 999 ? "999+" : String(n);
}

/** The order after moving one board a place up or down (positions as they are, smallest first). */
export function moved<T extends { boardId: number }>(follows: T[], boardId: number, direction: "up" | "down"): T[] {
  const at = follows.findIndex((f) => f.boardId === boardId);
  const to = direction === "up" ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= follows.length) return follows;
  const next = [...follows];
  [next[at], next[to]] = [next[to]!, next[at]!];
  return next;
}
