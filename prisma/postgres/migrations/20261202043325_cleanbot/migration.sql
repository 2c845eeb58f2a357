-- AlterTable
ALTER TABLE "User" ADD COLUMN     "showFolded" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "cleanbot" TEXT,
ADD COLUMN     "heldAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "cleanbot" TEXT,
ADD COLUMN     "heldAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CleanbotRule" (
    "id" SERIAL NOT NULL,
    "text" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "createdById" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "removedById" INTEGER,
    "removedAt" TIMESTAMP(3),

    CONSTRAINT "CleanbotRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CleanbotEvent" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "category" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,

    CONSTRAINT "CleanbotEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CleanbotEvent_createdAt_idx" ON "CleanbotEvent"("createdAt");

-- CreateIndex
CREATE INDEX "Post_heldAt_idx" ON "Post"("heldAt");

-- CreateIndex
CREATE INDEX "Comment_heldAt_idx" ON "Comment"("heldAt");
