-- AlterTable
ALTER TABLE "Post" ADD COLUMN "bodyHash" TEXT;
ALTER TABLE "Post" ADD COLUMN "contentHash" TEXT;
ALTER TABLE "Post" ADD COLUMN "hiddenAt" DATETIME;
ALTER TABLE "Post" ADD COLUMN "hiddenReason" TEXT;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "hiddenAt" DATETIME;
ALTER TABLE "Comment" ADD COLUMN "hiddenReason" TEXT;

-- CreateTable
CREATE TABLE "Report" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "boardId" INTEGER NOT NULL,
    "postId" INTEGER NOT NULL,
    "commentId" INTEGER,
    "targetKey" TEXT NOT NULL,
    "reporterId" INTEGER,
    "reporterKey" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "outcome" TEXT
);

-- CreateTable
CREATE TABLE "ModerationLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "action" TEXT NOT NULL,
    "operatorId" INTEGER,
    "boardId" INTEGER,
    "postId" INTEGER,
    "commentId" INTEGER,
    "userId" INTEGER,
    "category" TEXT,
    "until" DATETIME,
    "day" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PostFingerprint" (
    "postId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "authorId" INTEGER NOT NULL,
    "boardId" INTEGER NOT NULL,
    "minhash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PostFingerprintBand" (
    "postId" INTEGER NOT NULL,
    "band" INTEGER NOT NULL,
    "key" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,

    PRIMARY KEY ("postId", "band")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "loginId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "passwordHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "signInBlockedUntil" DATETIME,
    "role" TEXT NOT NULL DEFAULT 'member',
    "suspendedUntil" DATETIME,
    "suspensionReason" TEXT
);
INSERT INTO "new_User" ("createdAt", "failedSignIns", "id", "loginId", "nickname", "passwordHash", "signInBlockedUntil") SELECT "createdAt", "failedSignIns", "id", "loginId", "nickname", "passwordHash", "signInBlockedUntil" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_loginId_key" ON "User"("loginId");
CREATE UNIQUE INDEX "User_nickname_key" ON "User"("nickname");
CREATE INDEX "User_suspendedUntil_idx" ON "User"("suspendedUntil");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
CREATE INDEX "Post_authorId_contentHash_idx" ON "Post"("authorId", "contentHash");

-- CreateIndex
CREATE INDEX "Post_bodyHash_createdAt_idx" ON "Post"("bodyHash", "createdAt");
