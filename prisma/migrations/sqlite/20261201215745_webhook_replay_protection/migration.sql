-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN "replayHash" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "signatureScheme" TEXT NOT NULL DEFAULT 'x-signature',
    "rateLimitPerSecond" INTEGER,
    "rateLimitBurst" INTEGER,
    "ipAllowList" TEXT,
    "replayProtection" BOOLEAN NOT NULL DEFAULT true,
    "keyCiphertext" TEXT,
    "keyCreatedAt" DATETIME,
    "previousKeyCiphertext" TEXT,
    "previousKeyExpiresAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Webhook_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Webhook_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow" ("id") ON DELETE NO ACTION ON UPDATE CASCADE
);
INSERT INTO "new_Webhook" ("agentId", "createdAt", "enabled", "id", "ipAllowList", "keyCiphertext", "keyCreatedAt", "name", "previousKeyCiphertext", "previousKeyExpiresAt", "rateLimitBurst", "rateLimitPerSecond", "signatureScheme", "updatedAt", "workflowId") SELECT "agentId", "createdAt", "enabled", "id", "ipAllowList", "keyCiphertext", "keyCreatedAt", "name", "previousKeyCiphertext", "previousKeyExpiresAt", "rateLimitBurst", "rateLimitPerSecond", "signatureScheme", "updatedAt", "workflowId" FROM "Webhook";
DROP TABLE "Webhook";
ALTER TABLE "new_Webhook" RENAME TO "Webhook";
CREATE INDEX "Webhook_agentId_createdAt_idx" ON "Webhook"("agentId", "createdAt");
CREATE INDEX "Webhook_workflowId_idx" ON "Webhook"("workflowId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_webhookId_replayHash_key" ON "Delivery"("webhookId", "replayHash");

-- Existing webhooks keep answering as before: replay protection is on by default only for new ones.
UPDATE "Webhook" SET "replayProtection" = false;
