// Board-wide constants and the list page's arithmetic, kept free of I/O.
import type { SearchField } from "../../lib/paths.ts";
export const POSTS_PER_PAGE = 20; // PRODUCT.md §2: 20 rows a page

export const SEARCH_FIELDS: { value: SearchField; label: string }[] = [
  { value: "title_content", label: "제목+내용" },
  { value: "title", label: "제목" },
  { value: "content", label: "내용" },
  { value: "author", label: "글쓴이" },
];

/**
 * Posts are numbered densely per board and never hard-deleted, so page N of the unfiltered
 * list is exactly the number range (hi - 20, hi]: an index range scan that costs the same on
 * page 5,000 as on page 1 (no OFFSET).
 */
export function pageNumberRange(lastPostNumber: number, page: number, perPage = POSTS_PER_PAGE) {
  const hi = lastPostNumber - (page - 1) * perPage;
  return { lo: Math.max(0, hi - perPage), hi };
}

// A LIKE pattern that matches the user's text literally: % and _ are data, not wildcards.
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
