-- AlterTable
ALTER TABLE "User" ADD COLUMN "email" TEXT;
ALTER TABLE "User" ADD COLUMN "emailVerifiedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "nicknameChangedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "policyAgreedAt" DATETIME;
ALTER TABLE "User" ADD COLUMN "policyVersion" TEXT;
ALTER TABLE "User" ADD COLUMN "withdrawnAt" DATETIME;

-- AlterTable
ALTER TABLE "JuryMember" ADD COLUMN "leftAt" DATETIME;

-- CreateTable
CREATE TABLE "TwoStep" (
    "userId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "secret" TEXT NOT NULL,
    "enabledAt" DATETIME,
    "lastStep" INTEGER NOT NULL DEFAULT 0,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "blockedUntil" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "TwoStep_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME,
    CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AccountToken" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "AccountToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NicknameHold" (
    "nickname" TEXT NOT NULL PRIMARY KEY,
    "nicknameKey" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "until" DATETIME NOT NULL,
    CONSTRAINT "NicknameHold_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RetiredLoginId" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "retiredAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "RecoveryCode_codeHash_key" ON "RecoveryCode"("codeHash");

-- CreateIndex
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountToken_tokenHash_key" ON "AccountToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountToken_userId_purpose_idx" ON "AccountToken"("userId", "purpose");

-- CreateIndex
CREATE INDEX "AccountToken_expiresAt_idx" ON "AccountToken"("expiresAt");

-- CreateIndex
CREATE INDEX "NicknameHold_nicknameKey_idx" ON "NicknameHold"("nicknameKey");

-- CreateIndex
CREATE INDEX "NicknameHold_userId_idx" ON "NicknameHold"("userId");

-- CreateIndex
CREATE INDEX "NicknameHold_until_idx" ON "NicknameHold"("until");

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email");
