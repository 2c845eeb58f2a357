-- DropIndex
DROP INDEX "BlindLog_postId_key";

-- CreateTable
CREATE TABLE "Appeal" (
    "id" SERIAL NOT NULL,
    "postId" INTEGER NOT NULL,
    "boardId" INTEGER NOT NULL,
    "authorId" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "restoreVotes" INTEGER NOT NULL DEFAULT 0,
    "upholdVotes" INTEGER NOT NULL DEFAULT 0,
    "result" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Appeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppealVote" (
    "appealId" INTEGER NOT NULL,
    "jurorId" INTEGER NOT NULL,
    "panelId" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AppealVote_pkey" PRIMARY KEY ("appealId","jurorId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Appeal_postId_key" ON "Appeal"("postId");

-- CreateIndex
CREATE INDEX "Appeal_boardId_id_idx" ON "Appeal"("boardId", "id");

-- CreateIndex
CREATE INDEX "AppealVote_jurorId_panelId_idx" ON "AppealVote"("jurorId", "panelId");

-- CreateIndex
CREATE INDEX "BlindLog_postId_idx" ON "BlindLog"("postId");
