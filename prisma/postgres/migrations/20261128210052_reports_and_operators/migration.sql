-- AlterTable
ALTER TABLE "User" ADD COLUMN     "role" TEXT NOT NULL DEFAULT 'member',
ADD COLUMN     "suspendedUntil" TIMESTAMP(3),
ADD COLUMN     "suspensionReason" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "bodyHash" TEXT,
ADD COLUMN     "contentHash" TEXT,
ADD COLUMN     "hiddenAt" TIMESTAMP(3),
ADD COLUMN     "hiddenReason" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "hiddenAt" TIMESTAMP(3),
ADD COLUMN     "hiddenReason" TEXT;

-- CreateTable
CREATE TABLE "Report" (
    "id" SERIAL NOT NULL,
    "boardId" INTEGER NOT NULL,
    "postId" INTEGER NOT NULL,
    "commentId" INTEGER,
    "targetKey" TEXT NOT NULL,
    "reporterId" INTEGER,
    "reporterKey" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "outcome" TEXT,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModerationLog" (
    "id" SERIAL NOT NULL,
    "action" TEXT NOT NULL,
    "operatorId" INTEGER,
    "boardId" INTEGER,
    "postId" INTEGER,
    "commentId" INTEGER,
    "userId" INTEGER,
    "category" TEXT,
    "until" TIMESTAMP(3),
    "day" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModerationLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostFingerprint" (
    "postId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "boardId" INTEGER NOT NULL,
    "minhash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostFingerprint_pkey" PRIMARY KEY ("postId")
);

-- CreateTable
CREATE TABLE "PostFingerprintBand" (
    "postId" INTEGER NOT NULL,
    "band" INTEGER NOT NULL,
    "key" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PostFingerprintBand_pkey" PRIMARY KEY ("postId","band")
);

-- CreateIndex
CREATE INDEX "Report_reporterId_createdAt_idx" ON "Report"("reporterId", "createdAt");

-- CreateIndex
CREATE INDEX "Report_closedAt_targetKey_idx" ON "Report"("closedAt", "targetKey");

-- CreateIndex
CREATE INDEX "Report_boardId_closedAt_postId_idx" ON "Report"("boardId", "closedAt", "postId");

-- CreateIndex
CREATE UNIQUE INDEX "Report_reporterKey_targetKey_key" ON "Report"("reporterKey", "targetKey");

-- CreateIndex
CREATE INDEX "ModerationLog_action_day_idx" ON "ModerationLog"("action", "day");

-- CreateIndex
CREATE INDEX "PostFingerprint_createdAt_idx" ON "PostFingerprint"("createdAt");

-- CreateIndex
CREATE INDEX "PostFingerprintBand_authorId_key_idx" ON "PostFingerprintBand"("authorId", "key");

-- CreateIndex
CREATE INDEX "User_suspendedUntil_idx" ON "User"("suspendedUntil");

-- CreateIndex
CREATE INDEX "Post_authorId_contentHash_idx" ON "Post"("authorId", "contentHash");

-- CreateIndex
CREATE INDEX "Post_bodyHash_createdAt_idx" ON "Post"("bodyHash", "createdAt");
