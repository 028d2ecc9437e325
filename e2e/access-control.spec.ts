import { expect, test } from "@playwright/test";

import { signIn, testOwner } from "./test-owner";

const suffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("a viewer sees webhooks but no private keys and no admin pages, removal ends their session, and the audit log names the owner", async ({
  page,
  request,
  browser,
  baseURL,
}) => {
  // The owner (this project's signed-in user) builds an agent with a keyed webhook.
  const id = suffix();
  const { agent } = await (await request.post("/api/agents", { data: { name: `Claims intake ${id}` } })).json();
  const { workflow } = await (
    await request.post(`/api/agents/${agent.id}/workflows`, { data: { name: "Triage claim" } })
  ).json();
  const webhookName = `Claims portal ${id}`;
  const created = await request.post(`/api/agents/${agent.id}/webhooks`, {
    data: { name: webhookName, workflowId: workflow.id },
  });
  expect(created.status()).toBe(201);
  const { webhook } = await created.json();
  expect((await request.post(`/api/agents/${agent.id}/webhooks/${webhook.id}/key`)).status()).toBe(201);

  // The owner adds a viewer on the Users page.
  const viewer = { email: `viewer-${id}@example.com`, name: "Vera Viewer", password: "viewer-password-1" };
  await page.goto("/users");
  await page.getByRole("button", { name: "Add user" }).click();
  const dialog = page.getByRole("dialog", { name: "Add user" });
  await dialog.getByLabel("Email").fill(viewer.email);
  await dialog.getByLabel("Name").fill(viewer.name);
  await dialog.getByLabel("Role").selectOption("viewer");
  await dialog.getByLabel("Initial password").fill(viewer.password);
  await dialog.getByRole("button", { name: "Add user" }).click();
  await expect(dialog).toBeHidden();
  const users = page.getByRole("table", { name: "Users" });
  await expect(
    users
      .getByRole("row")
      .filter({ hasText: viewer.email })
      .getByRole("combobox", { name: `Role of ${viewer.email}` }),
  ).toHaveValue("viewer");

  // The viewer signs in in a browser of their own and comes back to the Triggers tab.
  const viewerContext = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const viewerPage = await viewerContext.newPage();
  await viewerPage.goto(`/agents/${agent.id}/triggers`);
  await expect(viewerPage).toHaveURL(/\/login\?next=/);
  await signIn(viewerPage, viewer);
  await expect(viewerPage).toHaveURL(new RegExp(`/agents/${agent.id}/triggers$`));

  const card = viewerPage
    .getByRole("list", { name: "Webhooks" })
    .getByRole("listitem")
    .filter({ hasText: webhookName });
  await expect(card.getByRole("textbox", { name: "Webhook endpoint" })).toHaveValue(webhook.endpoint);
  await expect(card.getByText("Viewers can't see or download private keys")).toBeVisible();
  for (const action of [
    "Generate Private Key",
    "Download Private Key",
    "Rotate Key",
    "More Actions",
    "Create Webhook",
  ]) {
    await expect(viewerPage.getByRole("button", { name: action })).toHaveCount(0);
  }
  await expect(viewerPage.getByRole("menuitem")).toHaveCount(0);

  // The API refuses the key file to the viewer's session.
  const keyFile = await viewerContext.request.get(`/api/agents/${agent.id}/webhooks/${webhook.id}/key-file`);
  expect(keyFile.status()).toBe(403);
  expect((await keyFile.json()).error.code).toBe("forbidden");

  // No admin pages for a viewer, in the navigation or at their addresses.
  const nav = viewerPage.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Agents" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await viewerPage.goto("/users");
  await expect(viewerPage.getByRole("heading", { name: "Admins only" })).toBeVisible();

  // Workflows are readable, not editable.
  await viewerPage.goto(`/agents/${agent.id}/workflows`);
  await expect(viewerPage.getByRole("button", { name: "New workflow" })).toHaveCount(0);
  await viewerPage.getByRole("link", { name: "View Triage claim" }).click();
  await expect(viewerPage.getByText("Read-only", { exact: true })).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Save" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Test run" })).toHaveCount(0);

  // Removing the viewer ends their session: the page they are on sends them to sign in.
  await page.getByRole("button", { name: `Remove ${viewer.email}` }).click();
  const confirm = page.getByRole("dialog", { name: `Remove ${viewer.email}?` });
  await confirm.getByRole("button", { name: "Remove user" }).click();
  await expect(confirm).toBeHidden();
  await expect(users.getByText(viewer.email)).toHaveCount(0);
  await viewerPage.reload();
  await expect(viewerPage).toHaveURL(/\/login\?next=%2Fagents%2F.+%2Fworkflows%2F.+$/);
  await viewerContext.close();

  // The audit log names the owner for both the webhook and the new user.
  await page.goto("/audit");
  const log = page.getByRole("table", { name: "Audit log" });
  const webhookCreated = log.getByRole("row").filter({ hasText: "webhook.created" }).filter({ hasText: webhook.id });
  await expect(webhookCreated).toContainText(testOwner.email);
  await expect(webhookCreated).toContainText("Created a webhook");
  const userCreated = log.getByRole("row").filter({ hasText: "user.created" }).filter({ hasText: viewer.email });
  await expect(userCreated).toContainText(testOwner.email);
  await expect(userCreated).toContainText("viewer");
});
