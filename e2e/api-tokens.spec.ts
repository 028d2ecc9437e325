import { expect, test } from "@playwright/test";

import { signIn } from "./test-owner";

const suffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("a builder creates an API token on the Tokens page, a script lists agents with it, and after revoking it is refused", async ({
  request,
  browser,
  baseURL,
}) => {
  // The owner (this project's signed-in user) adds a builder and an agent for the script to find.
  const id = suffix();
  const builder = { email: `builder-${id}@example.com`, name: "Bo Builder", password: "builder-password-1" };
  expect((await request.post("/api/users", { data: { ...builder, role: "builder" } })).status()).toBe(201);
  const agentName = `Invoice intake ${id}`;
  expect((await request.post("/api/agents", { data: { name: agentName } })).status()).toBe(201);

  // The builder signs in in a browser of their own and opens API tokens from the account menu.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/agents");
  await signIn(page, builder);
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/tokens$/);
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expect(page.getByText("You have no API tokens yet.")).toBeVisible();

  // Create: the role picker offers nothing above builder.
  await page.getByRole("button", { name: "Create token" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API token" });
  const roleOptions = await dialog.getByLabel("Role").locator("option").allTextContents();
  expect(roleOptions).toEqual(["Viewer", "Builder"]);
  await dialog.getByLabel("Name").fill("Deploy pipeline");
  await dialog.getByLabel("Role").selectOption("builder");
  await dialog.getByLabel("Expires").selectOption("90");
  await dialog.getByRole("button", { name: "Create token" }).click();

  const reveal = page.getByRole("dialog", { name: "Your new API token" });
  await expect(reveal.getByRole("alert")).toContainText("the only time it is shown");
  await expect(reveal.getByRole("button", { name: "Copy API token" })).toBeVisible();
  const secret = await reveal.getByRole("textbox", { name: "API token" }).inputValue();
  expect(secret).toMatch(/^awt_[A-Za-z0-9_-]{43}$/);
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  const table = page.getByRole("table", { name: "API tokens" });
  const row = table.getByRole("row").filter({ hasText: "Deploy pipeline" });
  await expect(row).toContainText(`${secret.slice(0, 12)}…`);
  await expect(row).toContainText("Builder");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never used");
  await expect(page.getByText(secret)).toHaveCount(0);

  // A script, with no cookie at all, lists agents with the token.
  const listAgents = () => fetch(`${baseURL}/api/agents`, { headers: { authorization: `Bearer ${secret}` } });
  const listed = await listAgents();
  expect(listed.status).toBe(200);
  const { agents } = (await listed.json()) as { agents: { name: string }[] };
  expect(agents.map((agent) => agent.name)).toContain(agentName);
  await page.reload();
  await expect(row).not.toContainText("Never used");

  // Revoke, confirmed in a dialog: the script is refused from then on.
  await row.getByRole("button", { name: "Revoke Deploy pipeline" }).click();
  const confirm = page.getByRole("dialog", { name: "Revoke Deploy pipeline?" });
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke Deploy pipeline" })).toHaveCount(0);

  const refused = await listAgents();
  expect(refused.status).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("token_revoked");
  await context.close();
});
