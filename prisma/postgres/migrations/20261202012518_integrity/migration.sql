-- AlterTable
ALTER TABLE "ModerationLog" ADD COLUMN     "posts" INTEGER,
ADD COLUMN     "votes" INTEGER;

-- CreateTable
CREATE TABLE "ClientSignal" (
    "userId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClientSignal_pkey" PRIMARY KEY ("userId","kind","key")
);

-- CreateTable
CREATE TABLE "IntegrityCase" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "operatorId" INTEGER,
    "votes" INTEGER,
    "posts" INTEGER,

    CONSTRAINT "IntegrityCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IntegrityCaseMember" (
    "caseId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,

    CONSTRAINT "IntegrityCaseMember_pkey" PRIMARY KEY ("caseId","userId")
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

-- AddForeignKey
ALTER TABLE "IntegrityCaseMember" ADD CONSTRAINT "IntegrityCaseMember_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "IntegrityCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
