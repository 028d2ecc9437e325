import { expect, test } from "@playwright/test";

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

// The CRM template's sample body, which Send Test Event must send for a workflow made from it.
const sampleClientId = "cli_20931";

test("Send Test Event sends the template's sample body; the delivery, its run and the run's delivery link to each other", async ({
  page,
  request,
}) => {
  const { agent } = await (await request.post("/api/agents", { data: { name: unique("CRM sync") } })).json();
  // A host under .invalid never resolves: the first attempt fails retryably, and the long backoff keeps the run waiting.
  const definition = {
    steps: [
      {
        id: "fetch_client",
        type: "http_request",
        config: { method: "GET", url: "https://crm.invalid/clients/{{ trigger.body.clientId }}" },
      },
    ],
    retry: { maxAttempts: 3, backoffSeconds: 600 },
  };
  const created = await request.post(`/api/agents/${agent.id}/workflows`, {
    data: { name: "Update client", definition, templateId: "crm-client-update" },
  });
  expect(created.status()).toBe(201);
  const { workflow } = await created.json();
  const webhookName = unique("CRM events");
  const { webhook } = await (
    await request.post(`/api/agents/${agent.id}/webhooks`, { data: { name: webhookName, workflowId: workflow.id } })
  ).json();
  expect((await request.post(`/api/agents/${agent.id}/webhooks/${webhook.id}/key`, { data: {} })).status()).toBe(201);

  // The Triggers list links to the webhook's page.
  await page.goto(`/agents/${agent.id}/triggers`);
  await page.getByRole("link", { name: webhookName }).click();
  await expect(page.getByRole("heading", { name: webhookName })).toBeVisible();
  await expect(page.getByRole("list", { name: "Fields this workflow reads" })).toHaveText("clientId");
  await expect(page.getByRole("tabpanel")).toContainText(sampleClientId);

  await page.getByRole("button", { name: "Send Test Event" }).click();
  await expect(page.getByText("Test event delivered: 202")).toBeVisible();
  const row = page.getByRole("table", { name: "Deliveries" }).getByRole("row").filter({ hasText: "Accepted" });
  await row.getByRole("button").first().click();
  await expect(page.getByRole("region", { name: "Request body" })).toContainText(sampleClientId);

  // Delivery → run.
  await row.getByRole("link", { name: /Open run/ }).click();
  await expect(page).toHaveURL(/\/executions\/run_/);
  await expect(page.getByText(/^Retrying — attempt 2 of 3, next at \d/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Last attempt failed, will retry")).toBeVisible();

  // Run → its delivery, opened in the webhook's log.
  await page.getByRole("link", { name: "its delivery" }).click();
  await expect(page).toHaveURL(/\/triggers\/wh_\w+\?delivery=dlv_/);
  await expect(page.getByRole("region", { name: "Request body" })).toContainText(sampleClientId);
});

test("the HTTP Request body has a mode: text that looks like JSON is flagged, and a JSON expression is saved as json", async ({
  page,
  request,
}) => {
  const { agent } = await (await request.post("/api/agents", { data: { name: unique("Helpdesk") } })).json();
  const definition = {
    steps: [
      { id: "post_update", type: "http_request", config: { method: "POST", url: "https://helpdesk.example.com/x" } },
    ],
  };
  const { workflow } = await (
    await request.post(`/api/agents/${agent.id}/workflows`, { data: { name: "Post update", definition } })
  ).json();

  await page.goto(`/agents/${agent.id}/workflows/${workflow.id}`);
  await page.getByRole("button", { name: "Edit post_update" }).click();
  const step = page.getByRole("listitem", { name: "Step post_update" });
  await expect(step.getByLabel("Body mode")).toHaveValue("json");
  await step.getByLabel("Body mode").selectOption("text");
  await step.getByLabel("Body", { exact: true }).fill('{ "ticket": trigger.body.ticketId }');
  await expect(step.getByText(/This looks like JSON, but text mode sends it as text/)).toBeVisible();

  await step.getByLabel("Body mode").selectOption("json");
  await expect(step.getByText(/This looks like JSON/)).toHaveCount(0);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect
    .poll(async () => {
      const saved = await (await request.get(`/api/workflows/${workflow.id}`)).json();
      return saved.workflow.definition.steps[0].config;
    })
    .toMatchObject({ bodyMode: "json", body: '{ "ticket": trigger.body.ticketId }' });
});
