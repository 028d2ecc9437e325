import { createHmac } from "node:crypto";

import { expect, test } from "@playwright/test";

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("a workflow built from a template runs when a signed webhook arrives, and its record shows in Data", async ({
  page,
  request,
}) => {
  const { agent } = await (await request.post("/api/agents", { data: { name: unique("Payments") } })).json();
  const accountId = `acc_${Date.now().toString(36)}`;

  // Build the workflow from the "Payment processed" template in the editor.
  await page.goto(`/agents/${agent.id}/workflows`);
  await page.getByRole("button", { name: "New workflow" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New workflow" });
  await dialog.getByRole("radio", { name: "Payment processed" }).check();
  await expect(dialog.getByLabel("Name")).toHaveValue("Payment processed");
  await dialog.getByRole("button", { name: "Create workflow" }).click();

  const steps = page.getByRole("list", { name: "Workflow steps" });
  await expect(steps.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("v1", { exact: true })).toBeVisible();
  // The balance is credited by an atomic update over the stored record, explained in its form.
  await steps.getByRole("button", { name: "Edit credit_balance" }).click();
  const credit = steps.getByRole("listitem", { name: "Step credit_balance" });
  await expect(credit.getByLabel("Mode")).toHaveValue("update");
  await expect(credit.getByText(/\$current, the record as stored/)).toBeVisible();
  // Change the retry policy and save: a new version.
  await page.getByLabel("Max attempts").fill("2");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Saved as v2")).toBeVisible();
  const workflowId = page.url().match(/\/workflows\/([^/?]+)/)![1];

  // Connect a webhook to it and send a signed payment, as an integrator would.
  const { webhook } = await (
    await request.post(`/api/agents/${agent.id}/webhooks`, { data: { name: "Payment gateway", workflowId } })
  ).json();
  const { keyFile } = await (await request.post(`/api/agents/${agent.id}/webhooks/${webhook.id}/key`)).json();
  const body = JSON.stringify({
    event: "payment.succeeded",
    paymentId: "pay_1",
    accountId,
    amount: 250.75,
    currency: "EUR",
    paidAt: "2026-11-29T10:30:00Z",
  });
  const signature = createHmac("sha256", keyFile.privateKey).update(body).digest("hex");
  const sent = await request.post(keyFile.endpoint, {
    headers: { "content-type": "application/json", "x-signature": signature },
    data: body,
  });
  expect(sent.status()).toBe(202);
  const { executionId } = await sent.json();

  // Watch it complete in the Runs tab, then open the run.
  await page.getByRole("navigation", { name: "Agent sections" }).getByRole("link", { name: "Runs" }).click();
  const runs = page.getByRole("table", { name: "Runs" });
  const row = runs.getByRole("row").filter({ hasText: "Payment processed" });
  await expect(row.getByText("Succeeded")).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText("Payment gateway");
  await expect(row).toContainText("v2");
  await row.click();
  await expect(page).toHaveURL(new RegExp(`/executions/${executionId}$`));
  const runSteps = page.getByRole("list", { name: "Steps", exact: true });
  await expect(runSteps.getByRole("listitem")).toHaveCount(2);
  await runSteps.getByRole("button", { name: /Credit the balance/ }).click();
  await expect(page.getByRole("region", { name: "Output of credit_balance" })).toContainText("250.75");

  // The record is in the Data tab.
  await page.getByRole("navigation", { name: "Agent sections" }).getByRole("link", { name: "Data" }).click();
  await page
    .getByRole("list", { name: "Collections" })
    .getByRole("button", { name: /balances/ })
    .click();
  const records = page.getByRole("table", { name: "Records in balances" });
  await expect(records).toContainText(accountId);
  await expect(records).toContainText("250.75");
});

test("Test run in the editor shows each step's output, and a failed run can be retried", async ({ page, request }) => {
  const { agent } = await (await request.post("/api/agents", { data: { name: unique("Fraud monitor") } })).json();
  const definition = {
    steps: [
      {
        id: "score",
        type: "rules",
        config: { rules: [{ name: "large", when: "trigger.body.amount > 1000", score: 80, label: "large-amount" }] },
      },
      { id: "check", type: "transform", config: { expression: "trigger.body.ok ? 'fine' : $error('not ok yet')" } },
    ],
    retry: { maxAttempts: 1, backoffSeconds: 1 },
  };
  const { workflow } = await (
    await request.post(`/api/agents/${agent.id}/workflows`, { data: { name: "Score payment", definition } })
  ).json();

  await page.goto(`/agents/${agent.id}/workflows/${workflow.id}`);
  await page.getByLabel("Sample body (JSON)").fill('{"amount": 5000, "ok": true}');
  await page.getByRole("button", { name: "Test run", exact: true }).click();
  const testSteps = page.getByRole("list", { name: "Test run steps" });
  await expect(testSteps).toContainText("large-amount", { timeout: 20_000 });
  await expect(testSteps).toContainText("fine");

  // A run that fails (expression error) is shown failed and can be retried from its page.
  const failing = await request.post(`/api/workflows/${workflow.id}/test-run`, {
    data: { body: { amount: 5, ok: false } },
  });
  const { execution } = await failing.json();
  await page.goto(`/agents/${agent.id}/executions/${execution.id}`);
  await expect(page.getByText("Failed", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText(/not ok yet/).first()).toBeVisible();
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page.getByText("Failed", { exact: true }).first()).toBeVisible({ timeout: 20_000 });
  // A manual retry grants the policy (one attempt) again, counted from the retry.
  await expect(page.getByText(/1 of 1/).first()).toBeVisible();
});
