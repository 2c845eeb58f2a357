// Posts' limits and the list page's arithmetic (docs/product.md §2), free of I/O.
import type { SearchField } from "../../lib/paths.ts";

export const POSTS_PER_PAGE = 20; // 20 rows a page
export const TITLE_MAX = 100; // characters (grapheme clusters)
export const BODY_MAX = 6000;
export const POSTS_PER_DAY = 30; // the big portal board's cap against flooding

export const SEARCH_FIELD_LABELS: Record<SearchField, string> = {
  title_content: "제목+내용",
  title: "제목",
  content: "내용",
  author: "글쓴이",
};

/**
 * Posts are numbered densely per board and never hard-deleted, so page N of the unfiltered
 * list is exactly the number range (hi - 20, hi]: an index range scan that costs the same on
 * page 5,000 as on page 1 (no OFFSET).
 */
export function pageNumberRange(lastPostNumber: number, page: number, perPage = POSTS_PER_PAGE) {
  const hi = lastPostNumber - (page - 1) * perPage;
  return { lo: Math.max(0, hi - perPage), hi };
}

/** The unfiltered list page that shows post `number` (the inverse of pageNumberRange). */
export function listPageOf(lastPostNumber: number, number: number, perPage = POSTS_PER_PAGE): number {
  return Math.max(1, Math.floor((lastPostNumber - number) / perPage) + 1);
}

// A LIKE pattern that matches the user's text literally: % and _ are data, not wildcards.
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The search box's choices, in order. */
export const SEARCH_FIELDS = (Object.entries(SEARCH_FIELD_LABELS) as [SearchField, string][]).map(([value, label]) => ({ value, label }));
