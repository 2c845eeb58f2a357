-- AlterTable
ALTER TABLE "Post" ADD COLUMN "cleanbot" TEXT;
ALTER TABLE "Post" ADD COLUMN "heldAt" DATETIME;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "cleanbot" TEXT;
ALTER TABLE "Comment" ADD COLUMN "heldAt" DATETIME;

-- CreateTable
CREATE TABLE "CleanbotRule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "text" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "removedById" INTEGER,
    "removedAt" DATETIME
);

-- CreateTable
CREATE TABLE "CleanbotEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "createdAt" DATETIME NOT NULL,
    "category" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "loginId" TEXT NOT NULL,
    "nickname" TEXT NOT NULL,
    "nicknameKey" TEXT,
    "passwordHash" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failedSignIns" INTEGER NOT NULL DEFAULT 0,
    "signInBlockedUntil" DATETIME,
    "role" TEXT NOT NULL DEFAULT 'member',
    "suspendedUntil" DATETIME,
    "suspensionReason" TEXT,
    "showFolded" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_User" ("createdAt", "failedSignIns", "id", "loginId", "nickname", "nicknameKey", "passwordHash", "role", "signInBlockedUntil", "suspendedUntil", "suspensionReason") SELECT "createdAt", "failedSignIns", "id", "loginId", "nickname", "nicknameKey", "passwordHash", "role", "signInBlockedUntil", "suspendedUntil", "suspensionReason" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_loginId_key" ON "User"("loginId");
CREATE UNIQUE INDEX "User_nickname_key" ON "User"("nickname");
CREATE UNIQUE INDEX "User_nicknameKey_key" ON "User"("nicknameKey");
CREATE INDEX "User_suspendedUntil_idx" ON "User"("suspendedUntil");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "CleanbotEvent_createdAt_idx" ON "CleanbotEvent"("createdAt");

-- CreateIndex
CREATE INDEX "Post_heldAt_idx" ON "Post"("heldAt");

-- CreateIndex
CREATE INDEX "Comment_heldAt_idx" ON "Comment"("heldAt");
