-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "closeAtPosting" INTEGER,
ADD COLUMN     "closeDayAtPosting" TEXT,
ADD COLUMN     "holding" TEXT,
ADD COLUMN     "stance" TEXT;

-- CreateTable
CREATE TABLE "Disclosure" (
    "receiptNo" TEXT NOT NULL,
    "boardId" INTEGER NOT NULL,
    "corpCode" TEXT NOT NULL,
    "corpName" TEXT NOT NULL,
    "reportName" TEXT NOT NULL,
    "filerName" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "remark" TEXT NOT NULL DEFAULT '',
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Disclosure_pkey" PRIMARY KEY ("receiptNo")
);

-- CreateTable
CREATE TABLE "MarketAlert" (
    "id" SERIAL NOT NULL,
    "boardId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "startDay" TEXT NOT NULL,
    "endDay" TEXT,

    CONSTRAINT "MarketAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StanceDay" (
    "boardId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "stance" TEXT NOT NULL,
    "posts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "StanceDay_pkey" PRIMARY KEY ("boardId","day","stance")
);

-- CreateIndex
CREATE INDEX "Disclosure_boardId_day_receiptNo_idx" ON "Disclosure"("boardId", "day", "receiptNo");

-- CreateIndex
CREATE UNIQUE INDEX "MarketAlert_boardId_kind_startDay_key" ON "MarketAlert"("boardId", "kind", "startDay");

-- AddForeignKey
ALTER TABLE "Disclosure" ADD CONSTRAINT "Disclosure_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MarketAlert" ADD CONSTRAINT "MarketAlert_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StanceDay" ADD CONSTRAINT "StanceDay_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
