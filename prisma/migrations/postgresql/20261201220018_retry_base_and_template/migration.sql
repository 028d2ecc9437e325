-- AlterTable
ALTER TABLE "Workflow" ADD COLUMN     "templateId" TEXT;

-- AlterTable
ALTER TABLE "Execution" ADD COLUMN     "attemptBase" INTEGER NOT NULL DEFAULT 0;
