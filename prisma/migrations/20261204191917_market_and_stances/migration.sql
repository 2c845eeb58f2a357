-- AlterTable
ALTER TABLE "Post" ADD COLUMN "closeAtPosting" INTEGER;
ALTER TABLE "Post" ADD COLUMN "closeDayAtPosting" TEXT;
ALTER TABLE "Post" ADD COLUMN "holding" TEXT;
ALTER TABLE "Post" ADD COLUMN "stance" TEXT;

-- CreateTable
CREATE TABLE "Disclosure" (
    "receiptNo" TEXT NOT NULL PRIMARY KEY,
    "boardId" INTEGER NOT NULL,
    "corpCode" TEXT NOT NULL,
    "corpName" TEXT NOT NULL,
    "reportName" TEXT NOT NULL,
    "filerName" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "remark" TEXT NOT NULL DEFAULT '',
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Disclosure_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MarketAlert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "boardId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "startDay" TEXT NOT NULL,
    "endDay" TEXT,
    CONSTRAINT "MarketAlert_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StanceDay" (
    "boardId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "stance" TEXT NOT NULL,
    "posts" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("boardId", "day", "stance"),
    CONSTRAINT "StanceDay_boardId_fkey" FOREIGN KEY ("boardId") REFERENCES "Board" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Disclosure_boardId_day_receiptNo_idx" ON "Disclosure"("boardId", "day", "receiptNo");

-- CreateIndex
CREATE UNIQUE INDEX "MarketAlert_boardId_kind_startDay_key" ON "MarketAlert"("boardId", "kind", "startDay");
