// Pure: every action the audit log records, with a label for the audit page.
export const auditActionLabels = {
  "auth.setup": "Set up the Workbench (first owner)",
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.sign_out": "Signed out",
  "user.created": "Created a user",
  "user.renamed": "Renamed a user",
  "user.role_changed": "Changed a user's role",
  "user.password_changed": "Changed a user's password",
  "user.removed": "Removed a user",
  "agent.created": "Created an agent",
  "agent.updated": "Edited an agent",
  "agent.deleted": "Deleted an agent",
  "agent.settings_changed": "Changed an agent's settings",
  "agent.secret_created": "Added an agent secret",
  "agent.secret_replaced": "Replaced an agent secret's value",
  "agent.secret_deleted": "Deleted an agent secret",
  "workflow.created": "Created a workflow",
  "workflow.updated": "Edited a workflow",
  "workflow.deleted": "Deleted a workflow",
  "workflow.test_run": "Started a test run",
  "webhook.created": "Created a webhook",
  "webhook.updated": "Edited a webhook",
  "webhook.enabled": "Enabled a webhook",
  "webhook.disabled": "Disabled a webhook",
  "webhook.deleted": "Deleted a webhook",
  "webhook.key_generated": "Generated a webhook key",
  "webhook.key_rotated": "Rotated a webhook key",
  "webhook.key_downloaded": "Downloaded a webhook key",
  "webhook.test_event_sent": "Sent a test event",
  "execution.retried": "Retried a run",
  "delivery.replayed": "Replayed a delivery",
  "record.deleted": "Deleted a record",
} as const;

export type AuditAction = keyof typeof auditActionLabels;
export type AuditTargetType =
  "user" | "session" | "agent" | "workflow" | "webhook" | "execution" | "delivery" | "record";
