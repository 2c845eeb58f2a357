-- AlterTable
ALTER TABLE "Board" ADD COLUMN "delistedAt" DATETIME;

-- CreateTable
CREATE TABLE "Quote" (
    "boardId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "open" INTEGER NOT NULL,
    "high" INTEGER NOT NULL,
    "low" INTEGER NOT NULL,
    "close" INTEGER NOT NULL,
    "volume" BIGINT NOT NULL,

    PRIMARY KEY ("boardId", "day"),
    CONSTRAINT "Quote_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Post_createdAt_idx" ON "Post"("createdAt");

-- CreateIndex
CREATE INDEX "Post_views_idx" ON "Post"("boardId", "viewCount", "createdAt");

-- CreateIndex
CREATE INDEX "Post_ups_idx" ON "Post"("boardId", "upCount", "createdAt");
