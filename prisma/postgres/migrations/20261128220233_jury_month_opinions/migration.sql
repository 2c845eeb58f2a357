-- DropIndex
DROP INDEX "JuryOpinion_postId_jurorId_key";

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "opinionPanelId" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "JuryOpinion_postId_jurorId_panelId_key" ON "JuryOpinion"("postId", "jurorId", "panelId");

-- Opinions belong to the panel of their month: each post's count becomes the count of its
-- newest panel's opinions (older panels' opinions stay, and no longer count).
UPDATE "Post" SET "opinionPanelId" = (SELECT MAX(o."panelId") FROM "JuryOpinion" o WHERE o."postId" = "Post"."id") WHERE "opinionCount" > 0;
UPDATE "Post" SET "opinionCount" = (SELECT COUNT(*) FROM "JuryOpinion" o WHERE o."postId" = "Post"."id" AND o."panelId" = "Post"."opinionPanelId") WHERE "opinionPanelId" IS NOT NULL;
