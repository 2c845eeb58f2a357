-- 인기 (today's posts by score) walks this index: the board, the post's KST day of creation and
-- the score, as src/db/dialect.ts (postKstDay) and src/modules/posts/posts.rules.ts
-- (POPULAR_SCORE) write them; the planner uses it only for that same text. Hand-written: an
-- expression index has no place in schema.prisma (docs/decisions/0040).
CREATE INDEX "Post_popular_idx" ON "Post"("boardId", date("createdAt", '+9 hours'), (3 * "upCount" + 2 * "commentCount" + "viewCount" / 10) DESC, "createdAt" DESC);
