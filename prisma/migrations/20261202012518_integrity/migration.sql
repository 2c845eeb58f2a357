-- AlterTable
ALTER TABLE "ModerationLog" ADD COLUMN "posts" INTEGER;
ALTER TABLE "ModerationLog" ADD COLUMN "votes" INTEGER;

-- CreateTable
CREATE TABLE "ClientSignal" (
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,

    PRIMARY KEY ("userId", "kind", "key")
);

-- CreateTable
CREATE TABLE "IntegrityCase" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "operatorId" INTEGER,
    "votes" INTEGER,
    "posts" INTEGER
);

-- CreateTable
CREATE TABLE "IntegrityCaseMember" (
    "caseId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,

    PRIMARY KEY ("caseId", "userId"),
    CONSTRAINT "IntegrityCaseMember_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "IntegrityCase" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ClientSignal_kind_key_idx" ON "ClientSignal"("kind", "key");

-- CreateIndex
CREATE INDEX "ClientSignal_lastSeenAt_idx" ON "ClientSignal"("lastSeenAt");

-- CreateIndex
CREATE UNIQUE INDEX "IntegrityCase_key_key" ON "IntegrityCase"("key");

-- CreateIndex
CREATE INDEX "IntegrityCase_status_id_idx" ON "IntegrityCase"("status", "id");

-- CreateIndex
CREATE INDEX "IntegrityCaseMember_userId_idx" ON "IntegrityCaseMember"("userId");

-- CreateIndex
CREATE INDEX "Vote_userId_updatedAt_idx" ON "Vote"("userId", "updatedAt");

-- CreateIndex
CREATE INDEX "Vote_updatedAt_idx" ON "Vote"("updatedAt");
