-- The board search index on PostgreSQL (docs/decisions/0010 and 0012): the same board-scoped
-- bigram tokens as SQLite's FTS5 table, as `simple` tsvectors with GIN indexes. One row per
-- live, visible post.
CREATE TABLE "PostSearch" (
    "postId" INTEGER NOT NULL,
    "boardId" INTEGER NOT NULL,
    "title" TSVECTOR NOT NULL,
    "body" TSVECTOR NOT NULL,
    CONSTRAINT "PostSearch_pkey" PRIMARY KEY ("postId"),
    CONSTRAINT "PostSearch_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE
);

-- A board's indexed posts newest first: for a common word the planner walks these and
-- tests each row, which finds a page's twenty matches long before a full GIN scan would.
CREATE INDEX "PostSearch_boardId_postId_idx" ON "PostSearch" ("boardId", "postId");

-- 제목 search.
CREATE INDEX "PostSearch_title_idx" ON "PostSearch" USING GIN ("title");
-- 내용 search.
CREATE INDEX "PostSearch_body_idx" ON "PostSearch" USING GIN ("body");
-- 제목+내용 search.
CREATE INDEX "PostSearch_all_idx" ON "PostSearch" USING GIN (("title" || "body"));
