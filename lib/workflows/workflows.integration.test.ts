import { beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";

import { createAgent } from "@/lib/agents/create-agent";
import { providers, useMigratedDatabase } from "@/test/databases";

import { createWorkflow } from "./create-workflow";
import { deleteWorkflow } from "./delete-workflow";
import { getWorkflow } from "./get-workflow";
import { listWorkflows } from "./list-workflows";
import { updateWorkflow } from "./update-workflow";

const unknownId = "cl_no_such_thing";
const definition = {
  steps: [
    {
      id: "fetch",
      type: "http_request",
      timeoutSeconds: 30,
      config: { method: "GET", url: "https://example.com", headers: {}, failOnHttpError: true },
    },
    { id: "summary", type: "transform", timeoutSeconds: 5, config: { expression: "steps.fetch.body" } },
  ],
  retry: { maxAttempts: 4, backoffSeconds: 20 },
};
const emptyDefinition = { steps: [], retry: { maxAttempts: 3, backoffSeconds: 10 } };

describe.each(providers)("workflows on %s", (provider) => {
  const database = useMigratedDatabase(provider);
  beforeEach(() => database.reset());

  async function agentWithWorkflow() {
    const { db } = database;
    const agent = await createAgent({ db, input: { name: "Agent" } });
    const workflow = await createWorkflow({
      db,
      agentId: agent.id,
      input: { name: " Ingest ", description: "from OCR" },
    });
    return { agent, workflow };
  }

  it("creates a workflow at version 1 with an empty definition", async () => {
    const { agent, workflow } = await agentWithWorkflow();
    expect(workflow).toMatchObject({
      agentId: agent.id,
      name: "Ingest",
      description: "from OCR",
      version: 1,
      definition: emptyDefinition,
    });
    expect(await getWorkflow({ db: database.db, workflowId: workflow.id })).toEqual(workflow);
    const versions = await database.db.workflowVersion.findMany({ where: { workflowId: workflow.id } });
    expect(versions.map((row) => [row.version, JSON.parse(row.definition)])).toEqual([[1, emptyDefinition]]);
  });

  it("creates a workflow with a definition (e.g. from a template), defaults filled in, recorded as version 1", async () => {
    const { db } = database;
    const agent = await createAgent({ db, input: { name: "Agent" } });
    const input = { steps: [{ id: "double", type: "transform", config: { expression: "trigger.body.n * 2" } }] };
    const workflow = await createWorkflow({ db, agentId: agent.id, input: { name: "Double", definition: input } });
    const expected = {
      steps: [{ id: "double", type: "transform", timeoutSeconds: 30, config: { expression: "trigger.body.n * 2" } }],
      retry: emptyDefinition.retry,
    };
    expect(workflow).toMatchObject({ version: 1, definition: expected });
    const versions = await db.workflowVersion.findMany({ where: { workflowId: workflow.id } });
    expect(versions.map((row) => [row.version, JSON.parse(row.definition)])).toEqual([[1, expected]]);
  });

  it("lists an agent's workflows newest first, and only that agent's", async () => {
    const { db } = database;
    const { agent } = await agentWithWorkflow();
    const other = await createAgent({ db, input: { name: "Other" } });
    await createWorkflow({ db, agentId: other.id, input: { name: "not mine" } });
    for (const name of ["b", "c", "d"]) await createWorkflow({ db, agentId: agent.id, input: { name } });

    const listed = await listWorkflows({ db, agentId: agent.id });
    expect(listed.map((workflow) => workflow.name).sort()).toEqual(["Ingest", "b", "c", "d"]);
    const expected = [...listed].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    expect(listed.map((workflow) => workflow.id)).toEqual(expected.map((workflow) => workflow.id));
    expect(listed.at(-1)?.name).toBe("Ingest");
    expect(await listWorkflows({ db, agentId: other.id })).toHaveLength(1);
  });

  it("bumps the version when the definition changes, and stores it", async () => {
    const { db } = database;
    const { workflow } = await agentWithWorkflow();
    const updated = await updateWorkflow({
      actor: { id: null, email: "builder@example.com" },
      db,
      workflowId: workflow.id,
      input: { definition },
    });
    expect(updated).toMatchObject({ version: 2, definition, name: "Ingest" });
    const again = await updateWorkflow({
      actor: { id: null, email: "builder@example.com" },
      db,
      workflowId: workflow.id,
      input: { definition: { steps: [] } },
    });
    expect(again).toMatchObject({ version: 3, definition: emptyDefinition });
    expect(await getWorkflow({ db, workflowId: workflow.id })).toEqual(again);
    // Every version stays recorded, so runs queued earlier still execute what they were queued with.
    const versions = await db.workflowVersion.findMany({
      where: { workflowId: workflow.id },
      orderBy: { version: "asc" },
    });
    expect(versions.map((row) => [row.version, JSON.parse(row.definition)])).toEqual([
      [1, emptyDefinition],
      [2, definition],
      [3, emptyDefinition],
    ]);
  });

  it("keeps the version on a rename or a new description", async () => {
    const { db } = database;
    const { workflow } = await agentWithWorkflow();
    await updateWorkflow({
      actor: { id: null, email: "builder@example.com" },
      db,
      workflowId: workflow.id,
      input: { definition },
    });
    const renamed = await updateWorkflow({
      actor: { id: null, email: "builder@example.com" },
      db,
      workflowId: workflow.id,
      input: { name: "Renamed", description: "" },
    });
    expect(renamed).toMatchObject({ name: "Renamed", description: "", version: 2, definition });
    expect(await db.workflowVersion.count({ where: { workflowId: workflow.id } })).toBe(2);
  });

  it("throws not_found DomainErrors for an unknown agent or workflow", async () => {
    const { db } = database;
    const agentNotFound = { code: "not_found", message: `Agent ${unknownId} was not found` };
    await expect(createWorkflow({ db, agentId: unknownId, input: { name: "x" } })).rejects.toMatchObject(agentNotFound);
    await expect(listWorkflows({ db, agentId: unknownId })).rejects.toMatchObject(agentNotFound);
    const workflowNotFound = { code: "not_found", message: `Workflow ${unknownId} was not found` };
    await expect(getWorkflow({ db, workflowId: unknownId })).rejects.toMatchObject(workflowNotFound);
    await expect(
      updateWorkflow({
        actor: { id: null, email: "builder@example.com" },
        db,
        workflowId: unknownId,
        input: { name: "x" },
      }),
    ).rejects.toMatchObject(workflowNotFound);
    await expect(deleteWorkflow({ db, workflowId: unknownId })).rejects.toMatchObject(workflowNotFound);
    expect(await db.workflow.count()).toBe(0);
  });

  it.each([
    ["an empty name", { name: " " }],
    ["an unknown key", { name: "x", version: 7 }],
    ["an invalid definition", { name: "x", definition: { steps: [{ id: "a", type: "log" }] } }],
  ])("rejects creating with %s", async (_name, input) => {
    const { db } = database;
    const agent = await createAgent({ db, input: { name: "A" } });
    await expect(createWorkflow({ db, agentId: agent.id, input })).rejects.toBeInstanceOf(ZodError);
    expect(await db.workflow.count()).toBe(0);
  });

  it.each([
    ["nothing to change", {}],
    ["duplicate step ids", { definition: { steps: [definition.steps[1], definition.steps[1]] } }],
    ["an unknown step type", { definition: { steps: [{ id: "a", type: "log", config: {} }] } }],
    ["an HTTP step without a url", { definition: { steps: [{ id: "a", type: "http_request", config: {} }] } }],
    ["a retry policy out of bounds", { definition: { steps: [], retry: { maxAttempts: 11 } } }],
    ["a definition without steps", { definition: {} }],
    ["a version set by hand", { version: 99 }],
  ])("rejects updating with %s and leaves the workflow as it was", async (_name, input) => {
    const { db } = database;
    const { workflow } = await agentWithWorkflow();
    await expect(
      updateWorkflow({ actor: { id: null, email: "builder@example.com" }, db, workflowId: workflow.id, input }),
    ).rejects.toBeInstanceOf(ZodError);
    expect(await getWorkflow({ db, workflowId: workflow.id })).toEqual(workflow);
    expect(await db.workflowVersion.count({ where: { workflowId: workflow.id } })).toBe(1);
  });

  it("deletes a workflow and nothing else", async () => {
    const { db } = database;
    const { agent, workflow } = await agentWithWorkflow();
    const other = await createWorkflow({ db, agentId: agent.id, input: { name: "other" } });
    await deleteWorkflow({ db, workflowId: workflow.id });
    await expect(getWorkflow({ db, workflowId: workflow.id })).rejects.toMatchObject({ code: "not_found" });
    expect((await listWorkflows({ db, agentId: agent.id })).map((w) => w.id)).toEqual([other.id]);
  });
});
