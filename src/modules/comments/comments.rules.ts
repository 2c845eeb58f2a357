// Comments' limits (docs/product.md §3).
export const COMMENT_MAX = 1000; // characters (grapheme clusters), counted like the browser
export const COMMENTS_PER_DAY = 50; // the big portal board's cap against flooding

// A post's comments are paged (docs/product.md §3): 50 comments a page, each with all its
// replies under it, in one of three orders. 등록순 is the seed page's order and the default.
export const COMMENTS_PER_PAGE = 50;
export const COMMENT_SORTS = { old: "등록순", new: "최신순", best: "공감순" } as const;
export type CommentSort = keyof typeof COMMENT_SORTS;
export const DEFAULT_COMMENT_SORT: CommentSort = "old";

/**
 * Where 더보기 continues: after the last comment shown, in the list's order. 공감순 carries the
 * last comment's 공감 count too, as the page was read (a count that changed meanwhile may show a
 * comment twice; the page skips one it already shows).
 */
export interface CommentCursor {
  id: number;
  upCount?: number;
}

export function cursorText(sort: CommentSort, last: { id: number; upCount: number }): string {
  return sort === "best" ? `${last.upCount}.${last.id}` : String(last.id);
}

/** The cursor a 더보기 request carries, or null when it is not one this sort makes. */
export function parseCursor(sort: CommentSort, text: string): CommentCursor | null {
  const match = sort === "best" ? /^(0|[1-9][0-9]{0,9})\.([1-9][0-9]{0,9})$/.exec(text) : /^()([1-9][0-9]{0,9})$/.exec(text);
  if (!match) return null;
  const id = Number(match[2]);
  if (id > 2_147_483_647) return null;
  return sort === "best" ? { id, upCount: Number(match[1]) } : { id };
}

/** The page (of COMMENTS_PER_PAGE) that holds the comment with `before` comments ahead of it. */
export function pageHolding(before: number): number {
  return Math.floor(before / COMMENTS_PER_PAGE) + 1;
}
