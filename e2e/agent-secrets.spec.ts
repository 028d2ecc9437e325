import { expect, test } from "@playwright/test";

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test("add a secret on Settings: listed by name, its value never shown; the LLM key stays with its origin", async ({
  page,
  request,
}) => {
  const { agent } = await (await request.post("/api/agents", { data: { name: unique("CRM sync") } })).json();
  const value = `crm_live_${Date.now().toString(36)}abcdef`;

  await page.goto(`/agents/${agent.id}/settings`);
  const card = page.getByRole("region", { name: "Secrets" });
  await expect(card.getByText("No secrets yet.")).toBeVisible();

  // A bad name is refused at the field, before anything is sent.
  await card.getByLabel("Name").fill("crm-token");
  await card.getByLabel("Value").fill(value);
  await card.getByRole("button", { name: "Save secret" }).click();
  await expect(card.getByText(/Use UPPER_SNAKE_CASE/)).toBeVisible();

  await card.getByLabel("Name").fill("CRM_TOKEN");
  await card.getByRole("button", { name: "Save secret" }).click();
  await expect(card.getByRole("status")).toHaveText("Saved CRM_TOKEN.");
  const secrets = card.getByRole("table", { name: "Secrets" });
  await expect(secrets.getByRole("row").filter({ hasText: "CRM_TOKEN" })).toBeVisible();
  await expect(card.getByLabel("Value")).toHaveValue("");

  // After a reload it is still there, by name only: the value is nowhere on the page.
  await page.reload();
  await expect(secrets.getByRole("row").filter({ hasText: "CRM_TOKEN" })).toBeVisible();
  expect(await page.content()).not.toContain(value);
  const listed = await (await request.get(`/api/agents/${agent.id}/secrets`)).text();
  expect(listed).toContain("CRM_TOKEN");
  expect(listed).not.toContain(value);

  // The LLM provider: moving the base URL to another origin needs the key again.
  const llm = page.getByRole("region", { name: "LLM provider" });
  await llm.getByLabel("Base URL").fill("https://llm.example.com/v1");
  await llm.getByLabel("API key").fill("sk-e2e-key-0001");
  await llm.getByRole("button", { name: "Save provider" }).click();
  await expect(llm.getByRole("status")).toHaveText("Saved.");
  await llm.getByLabel("Base URL").fill("https://elsewhere.example.net/v1");
  await expect(llm.getByText(/points to another server: enter the API key again/)).toBeVisible();
  await llm.getByRole("button", { name: "Save provider" }).click();
  await expect(llm.getByRole("alert")).toContainText("Enter the API key again: the base URL's origin changed");
  await page.reload();
  await expect(llm.getByLabel("Base URL")).toHaveValue("https://llm.example.com/v1");
});

test("the HTTP Request form warns about a literal credential in a header, not about a secret", async ({
  page,
  request,
}) => {
  const { agent } = await (await request.post("/api/agents", { data: { name: unique("Helpdesk") } })).json();
  const definition = {
    steps: [
      {
        id: "fetch",
        type: "http_request",
        config: {
          method: "GET",
          url: "https://crm.example.com/api",
          headers: { Authorization: "Bearer 9f8e7d6c5b4a3f2e1d0c", "X-Api-Key": "{{ secrets.CRM_KEY }}" },
        },
      },
    ],
  };
  const { workflow } = await (
    await request.post(`/api/agents/${agent.id}/workflows`, { data: { name: "Fetch ticket", definition } })
  ).json();
  await page.goto(`/agents/${agent.id}/workflows/${workflow.id}`);
  await page.getByRole("button", { name: "Edit fetch" }).click();
  const warnings = page.getByText(/looks like a credential written into the workflow/);
  await expect(warnings).toHaveCount(1);
  await expect(warnings).toContainText("{{ secrets.API_TOKEN }}");
  await page.getByLabel("Header 1 value").fill("Bearer {{ secrets.CRM_TOKEN }}");
  await expect(warnings).toHaveCount(0);
});
