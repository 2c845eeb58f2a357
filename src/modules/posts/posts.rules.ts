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

/** The list's tabs besides 최신 (newest first). docs/product.md §2 states the rules. */
export const SORT_TABS = [
  { value: "popular", label: "인기", caption: "오늘의 인기글" },
  { value: "views", label: "조회순", caption: "최근 7일 조회순" },
  { value: "ups", label: "추천순", caption: "최근 7일 추천순" },
] as const;
export type SortTab = (typeof SORT_TABS)[number]["value"];
export const SORT_WINDOW_DAYS = 7; // 조회순 and 추천순 rank the last seven days' posts
export const SORTED_MAX = 200; // a sorted tab shows the top 200 (ten pages), as portals' 인기 lists do

/** 인기: today's posts by 3 × 추천 + 2 × 댓글 + 조회 ÷ 10 (whole tens), newer first on a tie; the SQL in posts.service.ts. */
export const POPULAR_WEIGHTS = { up: 3, comment: 2, viewsPerPoint: 10 } as const;

/**
 * 인기's score as SQL over a Post row, its weights written in (not bound): the expression index
 * Post_popular_idx (a hand-written migration in both dialects) holds the same text, and a
 * planner matches an index expression only to the same expression, which a bound parameter is
 * not. test/unit/popular-index.test.ts checks the migrations carry this text.
 */
export function popularScore(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}."${name}"` : `"${name}"`);
  return `(${POPULAR_WEIGHTS.up} * ${column("upCount")} + ${POPULAR_WEIGHTS.comment} * ${column("commentCount")} + ${column("viewCount")} / ${POPULAR_WEIGHTS.viewsPerPoint})`;
}

/** The score as the index's migrations write it (no table alias). */
export const POPULAR_SCORE = popularScore();
