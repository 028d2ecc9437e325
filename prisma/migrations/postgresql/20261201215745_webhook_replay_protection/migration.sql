-- AlterTable
ALTER TABLE "Webhook" ADD COLUMN     "replayProtection" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "replayHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_webhookId_replayHash_key" ON "Delivery"("webhookId", "replayHash");

-- Existing webhooks keep answering as before: replay protection is on by default only for new ones.
UPDATE "Webhook" SET "replayProtection" = false;
