-- DropIndex
DROP INDEX "Vote_userId_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Vote_userId_updatedAt_value_postId_idx" ON "Vote"("userId", "updatedAt", "value", "postId");
