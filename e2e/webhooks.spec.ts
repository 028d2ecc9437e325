import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";

import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

type KeyFile = {
  webhookId: string;
  name: string;
  endpoint: string;
  privateKey: string;
  algorithm: string;
  signatureHeader: string;
  createdAt: string;
};

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** Sends a request the way an integrator would: only the key file's endpoint and privateKey. */
async function sendSigned(request: APIRequestContext, keyFile: KeyFile, body: object) {
  const raw = JSON.stringify(body);
  const signature = createHmac("sha256", keyFile.privateKey).update(raw).digest("hex");
  return request.post(keyFile.endpoint, {
    headers: { "content-type": "application/json", "x-signature": signature },
    data: raw,
  });
}

async function downloadKeyFile(
  page: Page,
  click: () => Promise<void>,
): Promise<{ keyFile: KeyFile; fileName: string }> {
  const downloadPromise = page.waitForEvent("download");
  await click();
  const download = await downloadPromise;
  return { keyFile: JSON.parse(await readFile(await download.path(), "utf8")), fileName: download.suggestedFilename() };
}

async function openMoreActions(page: Page, item: string) {
  await page.getByRole("button", { name: "More Actions" }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test("a builder creates a webhook and an integrator triggers it with the downloaded key file", async ({
  page,
  request,
}) => {
  const { agent } = await (await request.post("/api/agents", { data: { name: unique("Invoice processor") } })).json();
  const webhookName = unique("OCR results");
  await page.goto(`/agents/${agent.id}/triggers`);
  await expect(page.getByText("No webhooks yet")).toBeVisible();

  // Create Webhook, creating the workflow right there in the dialog.
  await page.getByRole("button", { name: "Create Webhook" }).click();
  const dialog = page.getByRole("dialog", { name: "Create Webhook" });
  await dialog.getByLabel("Name", { exact: true }).fill(webhookName);
  await dialog.getByLabel("New workflow name").fill("Process OCR");
  await dialog.getByRole("button", { name: "Create workflow" }).click();
  await expect(dialog.getByLabel("Workflow", { exact: true })).toHaveValue(/.+/);
  // New webhooks answer a byte-identical copy of a signed request as a duplicate unless unchecked.
  await expect(dialog.getByLabel("Replay protection")).toBeChecked();
  await dialog.getByRole("button", { name: "Create Webhook" }).click();
  await expect(dialog).toBeHidden();

  const card = page.getByRole("list", { name: "Webhooks" }).getByRole("listitem").filter({ hasText: webhookName });
  await expect(card.getByText("Runs workflow Process OCR")).toBeVisible();
  const endpoint = await card.getByRole("textbox", { name: "Webhook endpoint" }).inputValue();
  expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/webhooks\/wh_\w+$/);

  // Generate Private Key: shown once, then downloaded as the key file.
  await card.getByRole("button", { name: "Generate Private Key" }).click();
  const shownKey = await card.getByRole("textbox", { name: "Private key" }).inputValue();
  expect(shownKey).toMatch(/^awk_[\w-]{43}$/);
  const { keyFile, fileName } = await downloadKeyFile(page, () =>
    card.getByRole("button", { name: "Download Private Key" }).click(),
  );
  expect(fileName).toMatch(/^ocr-results-.*-private-key\.json$/);
  expect(keyFile).toMatchObject({
    name: webhookName,
    endpoint,
    privateKey: shownKey,
    algorithm: "HMAC-SHA256",
    signatureHeader: "x-signature",
  });

  // The integrator's request, using nothing but the file.
  const response = await sendSigned(request, keyFile, { documentId: "doc-42", status: "completed" });
  expect(response.status()).toBe(202);
  const accepted = await response.json();
  expect(accepted).toMatchObject({
    status: "queued",
    deliveryId: expect.stringMatching(/^dlv_/),
    executionId: expect.stringMatching(/^run_/),
  });
  expect(
    (
      await request.post(keyFile.endpoint, {
        headers: { "content-type": "application/json", "x-signature": "0".repeat(64) },
        data: "{}",
      })
    ).status(),
  ).toBe(401);

  // The Deliveries view shows both, newest first, and the accepted one's body.
  await card.getByRole("link", { name: webhookName }).click();
  const deliveries = page.getByRole("table", { name: "Deliveries" });
  await expect(deliveries.getByRole("row").filter({ hasText: "Rejected" })).toContainText("401");
  const acceptedRow = deliveries.getByRole("row").filter({ hasText: "Accepted" });
  await expect(acceptedRow).toContainText("202");
  await expect(acceptedRow).toContainText("Current key");
  await expect(acceptedRow).toContainText(accepted.executionId.slice(0, 12));
  await acceptedRow.click();
  await expect(page.getByRole("region", { name: "Request body" })).toContainText("doc-42");
  await expect(page.getByRole("table", { name: "Request headers" })).toContainText("…(64 chars)");

  // Filter by outcome.
  await page.getByLabel("Outcome").selectOption("rejected");
  await expect(deliveries.getByRole("row").filter({ hasText: "Accepted" })).toHaveCount(0);
  await expect(deliveries.getByRole("row").filter({ hasText: "Rejected" })).toHaveCount(1);
});

test("rotating a key keeps the previous one verifying during the grace period", async ({ page, request }) => {
  const { agent } = await (await request.post("/api/agents", { data: { name: unique("Fraud monitor") } })).json();
  const { workflow } = await (
    await request.post(`/api/agents/${agent.id}/workflows`, { data: { name: "Score risk" } })
  ).json();
  const webhookName = unique("Alerts");
  await request.post(`/api/agents/${agent.id}/webhooks`, { data: { name: webhookName, workflowId: workflow.id } });
  await page.goto(`/agents/${agent.id}/triggers`);

  await page.getByRole("button", { name: "Generate Private Key" }).click();
  const { keyFile: oldKey } = await downloadKeyFile(page, () => openMoreActions(page, "Download Private Key"));

  await openMoreActions(page, "Rotate Key");
  const rotate = page.getByRole("dialog", { name: "Rotate Key" });
  await expect(rotate.getByLabel("Grace period")).toHaveValue("24");
  await rotate.getByRole("button", { name: "Rotate Key" }).click();
  await expect(rotate).toBeHidden();
  const newShownKey = await page.getByRole("textbox", { name: "Private key" }).inputValue();
  expect(newShownKey).not.toBe(oldKey.privateKey);
  await expect(page.getByText(/Previous key valid until/)).toBeVisible();
  const { keyFile: newKey } = await downloadKeyFile(page, () => openMoreActions(page, "Download Private Key"));
  expect(newKey.privateKey).toBe(newShownKey);

  // Both keys verify; each delivery records which one did.
  expect((await sendSigned(request, oldKey, { alert: "old key" })).status()).toBe(202);
  expect((await sendSigned(request, newKey, { alert: "new key" })).status()).toBe(202);
  await page.getByRole("link", { name: webhookName }).click();
  const deliveries = page.getByRole("table", { name: "Deliveries" });
  await expect(deliveries.getByRole("row").filter({ hasText: "Previous key" })).toHaveCount(1);
  await expect(deliveries.getByRole("row").filter({ hasText: "Current key" })).toHaveCount(1);

  // Rotating again with "End at once" retires the key that was current a moment ago.
  await openMoreActions(page, "Rotate Key");
  await page
    .getByRole("dialog", { name: "Rotate Key" })
    .getByLabel("Grace period")
    .selectOption({ label: "End at once" });
  await page.getByRole("dialog", { name: "Rotate Key" }).getByRole("button", { name: "Rotate Key" }).click();
  await expect(page.getByRole("textbox", { name: "Private key" })).not.toHaveValue(newShownKey);
  expect((await sendSigned(request, newKey, { alert: "retired key" })).status()).toBe(401);
});

test("Send Test Event, Disable and Delete from More Actions", async ({ page, request }) => {
  const { agent } = await (await request.post("/api/agents", { data: { name: unique("Helpdesk") } })).json();
  const { workflow } = await (
    await request.post(`/api/agents/${agent.id}/workflows`, { data: { name: "Update ticket" } })
  ).json();
  const webhookName = unique("Ticket updated");
  await request.post(`/api/agents/${agent.id}/webhooks`, { data: { name: webhookName, workflowId: workflow.id } });
  await page.goto(`/agents/${agent.id}/triggers`);
  await page.getByRole("button", { name: "Generate Private Key" }).click();
  await page.getByRole("button", { name: "Hide key" }).click();

  await openMoreActions(page, "Send Test Event");
  await expect(page.getByText("Test event delivered: 202")).toBeVisible();

  await openMoreActions(page, "Disable");
  await expect(page.getByText("Disabled", { exact: true })).toBeVisible();
  await openMoreActions(page, "Send Test Event");
  await expect(page.getByText(/Test event not delivered: 403/)).toBeVisible();

  // The workflow cannot be deleted while the webhook runs it.
  const inUse = await request.delete(`/api/workflows/${workflow.id}`);
  expect(inUse.status()).toBe(409);
  expect((await inUse.json()).error.code).toBe("workflow_in_use");

  await openMoreActions(page, "Delete");
  await page
    .getByRole("dialog", { name: `Delete ${webhookName}?` })
    .getByRole("button", { name: "Delete Webhook" })
    .click();
  await expect(page.getByText("No webhooks yet")).toBeVisible();
});
