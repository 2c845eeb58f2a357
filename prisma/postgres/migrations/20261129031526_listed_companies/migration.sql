-- AlterTable
ALTER TABLE "Board" ADD COLUMN     "delistedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "Quote" (
    "boardId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "open" INTEGER NOT NULL,
    "high" INTEGER NOT NULL,
    "low" INTEGER NOT NULL,
    "close" INTEGER NOT NULL,
    "volume" BIGINT NOT NULL,

    CONSTRAINT "Quote_pkey" PRIMARY KEY ("boardId","day")
);

-- CreateIndex
CREATE INDEX "Post_createdAt_idx" ON "Post"("createdAt");

-- CreateIndex
CREATE INDEX "Post_views_idx" ON "Post"("boardId", "viewCount", "createdAt");

-- CreateIndex
CREATE INDEX "Post_ups_idx" ON "Post"("boardId", "upCount", "createdAt");

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
