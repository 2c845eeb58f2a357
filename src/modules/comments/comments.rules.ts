// Comments' limits (docs/product.md §3).
export const COMMENT_MAX = 1000; // characters (grapheme clusters), counted like the browser
export const COMMENTS_PER_DAY = 50; // the big portal board's cap against flooding
