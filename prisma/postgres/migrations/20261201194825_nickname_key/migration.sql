-- AlterTable
ALTER TABLE "User" ADD COLUMN     "nicknameKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_nicknameKey_key" ON "User"("nicknameKey");
