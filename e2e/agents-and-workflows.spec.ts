import { expect, test } from "@playwright/test";

// Names are unique per test so that runs never depend on what an earlier test left behind.
const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("create an agent, add a workflow, rename both, delete them", async ({ page }) => {
  const agentName = unique("Invoice processor");
  const workflowName = unique("Summarise document");

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();

  // Create an agent; an empty name is refused at the field first.
  await page.getByRole("button", { name: "New agent" }).first().click();
  const createAgent = page.getByRole("dialog", { name: "New agent" });
  await createAgent.getByRole("button", { name: "Create agent" }).click();
  await expect(createAgent.getByText("Name is required")).toBeVisible();
  await createAgent.getByLabel("Name").fill(agentName);
  await createAgent.getByLabel("Description").fill("Reads OCR results");
  await createAgent.getByRole("button", { name: "Create agent" }).click();
  await expect(createAgent).toBeHidden();

  await page.getByRole("link", { name: agentName }).click();
  await expect(page.getByRole("heading", { name: agentName, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Workflows" })).toHaveAttribute("aria-current", "page");
  for (const tab of ["Triggers", "Runs", "Data", "Settings"]) {
    await expect(
      page.getByRole("navigation", { name: "Agent sections" }).getByRole("link", { name: tab }),
    ).toBeVisible();
  }

  // Add a blank workflow: creating it opens its editor.
  await expect(page.getByText("No workflows yet")).toBeVisible();
  await page.getByRole("button", { name: "New workflow" }).first().click();
  const createWorkflow = page.getByRole("dialog", { name: "New workflow" });
  await createWorkflow.getByLabel("Name").fill(workflowName);
  await createWorkflow.getByRole("button", { name: "Create workflow" }).click();
  await expect(page).toHaveURL(/\/workflows\/[^/]+/);
  await expect(page.getByText("v1", { exact: true })).toBeVisible();
  await page.getByRole("navigation", { name: "Agent sections" }).getByRole("link", { name: "Workflows" }).click();
  const workflows = page.getByRole("list", { name: "Workflows" });
  await expect(workflows.getByText(workflowName)).toBeVisible();
  await expect(workflows.getByText("v1 · 0 steps")).toBeVisible();

  // Rename the workflow.
  const renamedWorkflow = `${workflowName} v2`;
  await page.getByRole("button", { name: `Rename ${workflowName}` }).click();
  const renameWorkflow = page.getByRole("dialog", { name: `Rename ${workflowName}` });
  await renameWorkflow.getByLabel("Name").fill(renamedWorkflow);
  await renameWorkflow.getByRole("button", { name: "Save" }).click();
  await expect(workflows.getByText(renamedWorkflow)).toBeVisible();

  // The data survives a reload: it came from the server, not from client state.
  await page.reload();
  await expect(page.getByRole("list", { name: "Workflows" }).getByText(renamedWorkflow)).toBeVisible();

  // Rename the agent from the Agents page and check its workflow count.
  await page.getByRole("link", { name: "← Agents" }).click();
  const renamedAgent = `${agentName} (renamed)`;
  const agentRow = page.getByRole("listitem").filter({ hasText: agentName });
  await expect(agentRow.getByText("1 workflow")).toBeVisible();
  await page.getByRole("button", { name: `Rename ${agentName}` }).click();
  const renameAgent = page.getByRole("dialog", { name: `Rename ${agentName}` });
  await renameAgent.getByLabel("Name").fill(renamedAgent);
  await renameAgent.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("link", { name: renamedAgent })).toBeVisible();

  // Delete the workflow, confirming in the dialog.
  await page.getByRole("link", { name: renamedAgent }).click();
  await page.getByRole("button", { name: `Delete ${renamedWorkflow}` }).click();
  const confirmWorkflow = page.getByRole("dialog", { name: `Delete ${renamedWorkflow}?` });
  await confirmWorkflow.getByRole("button", { name: "Delete workflow" }).click();
  await expect(page.getByText("No workflows yet")).toBeVisible();

  // Deleting the agent asks first; Cancel keeps it.
  await page.getByRole("link", { name: "← Agents" }).click();
  await page.getByRole("button", { name: `Delete ${renamedAgent}` }).click();
  const confirmAgent = page.getByRole("dialog", { name: `Delete ${renamedAgent}?` });
  await confirmAgent.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("link", { name: renamedAgent })).toBeVisible();
  await page.getByRole("button", { name: `Delete ${renamedAgent}` }).click();
  await page
    .getByRole("dialog", { name: `Delete ${renamedAgent}?` })
    .getByRole("button", { name: "Delete agent" })
    .click();
  await expect(page.getByRole("link", { name: renamedAgent })).toBeHidden();
});

test("deleting an agent from Settings removes its workflows", async ({ page, request }) => {
  const created = await request.post("/api/agents", { data: { name: unique("CRM sync") } });
  expect(created.status()).toBe(201);
  const { agent } = await created.json();
  const workflow = await request.post(`/api/agents/${agent.id}/workflows`, { data: { name: "Upsert client" } });
  expect(workflow.status()).toBe(201);
  const workflowId = (await workflow.json()).workflow.id;

  await page.goto(`/agents/${agent.id}/settings`);
  await page.getByRole("button", { name: "Delete agent" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete ${agent.name}?` });
  await expect(confirm.getByText("1 workflow")).toBeVisible();
  await confirm.getByRole("button", { name: "Delete agent" }).click();
  await expect(page).toHaveURL(/\/agents$/);

  expect((await request.get(`/api/agents/${agent.id}`)).status()).toBe(404);
  expect((await request.get(`/api/workflows/${workflowId}`)).status()).toBe(404);
});

test("a new agent's tabs say what will appear there and show no rows", async ({ page, request }) => {
  const { agent } = await (await request.post("/api/agents", { data: { name: unique("Helpdesk") } })).json();
  await page.goto(`/agents/${agent.id}/triggers`);
  await expect(page.getByText("No webhooks yet")).toBeVisible();
  await page.getByRole("link", { name: "Runs" }).click();
  await expect(page.getByText(/^No runs yet/)).toBeVisible();
  await page.getByRole("link", { name: "Data" }).click();
  await expect(page.getByText(/^No records yet/)).toBeVisible();
  await expect(page.getByText(/^No conversations yet/)).toBeVisible();
});

test("an unknown agent shows a clear not-found message", async ({ page }) => {
  await page.goto("/agents/does-not-exist/workflows");
  await expect(page.getByRole("heading", { name: "Agent not found" })).toBeVisible();
});
