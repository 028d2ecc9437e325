-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN "templateId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Execution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "agentId" TEXT NOT NULL,
    "workflowId" TEXT NOT NULL,
    "workflowVersion" INTEGER NOT NULL,
    "webhookId" TEXT,
    "deliveryId" TEXT,
    "trigger" TEXT NOT NULL DEFAULT 'webhook',
    "input" TEXT,
    "replayOfId" TEXT,
    "status" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "runAt" DATETIME NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "error" TEXT,
    "stoppedAtStepId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "attemptBase" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Execution_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Execution_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Execution_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Execution_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "Delivery" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Execution" ("agentId", "attempt", "createdAt", "deliveryId", "error", "finishedAt", "id", "input", "leaseExpiresAt", "leaseOwner", "maxAttempts", "replayOfId", "runAt", "startedAt", "status", "stoppedAtStepId", "trigger", "webhookId", "workflowId", "workflowVersion") SELECT "agentId", "attempt", "createdAt", "deliveryId", "error", "finishedAt", "id", "input", "leaseExpiresAt", "leaseOwner", "maxAttempts", "replayOfId", "runAt", "startedAt", "status", "stoppedAtStepId", "trigger", "webhookId", "workflowId", "workflowVersion" FROM "Execution";
DROP TABLE "Execution";
ALTER TABLE "new_Execution" RENAME TO "Execution";
CREATE UNIQUE INDEX "Execution_deliveryId_key" ON "Execution"("deliveryId");
CREATE INDEX "Execution_status_runAt_idx" ON "Execution"("status", "runAt");
CREATE INDEX "Execution_status_leaseExpiresAt_idx" ON "Execution"("status", "leaseExpiresAt");
CREATE INDEX "Execution_agentId_createdAt_idx" ON "Execution"("agentId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
