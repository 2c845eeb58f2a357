// 차단 (docs/product.md §15): a member stops seeing another's posts and comments (folded, one
// click away) and hearing of them in 알림. The blocked member is not told.
export const BLOCKS_MAX = 500;

export const BLOCK_WORDS = {
  self: "나 자신은 차단할 수 없습니다.",
  operator: "운영자는 차단할 수 없습니다. 운영자의 조치에 이의가 있으면 신고나 이의 신청을 이용해 주세요.",
  tooMany: `차단은 ${BLOCKS_MAX}명까지 할 수 있습니다. 차단 목록에서 해제한 뒤 다시 시도해 주세요.`,
} as const;

/** Why `userId` may not block `target`, or null (a member may block any other member but an operator). */
export function blockRefusal(userId: number, target: { id: number; operator: boolean }, blocksSoFar: number): string | null {
  if (target.id === userId) return BLOCK_WORDS.self;
  if (target.operator) return BLOCK_WORDS.operator;
  if (blocksSoFar >= BLOCKS_MAX) return BLOCK_WORDS.tooMany;
  return null;
}
