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
const definition = { steps: [{ id: "fetch", type: "http", url: "https://example.com" }, { id: "log", type: "log" }] };

describe.each(providers)("workflows on %s", (provider) => {
  const database = useMigratedDatabase(provider);
  beforeEach(() => database.reset());

  async function agentWithWorkflow() {
    const { db } = database;
    const agent = await createAgent({ db, input: { name: "Agent" } });
    const workflow = await createWorkflow({ db, agentId: agent.id, input: { name: " Ingest ", description: "from OCR" } });
    return { agent, workflow };
  }

  it("creates a workflow at version 1 with an empty definition", async () => {
    const { agent, workflow } = await agentWithWorkflow();
    expect(workflow).toMatchObject({ agentId: agent.id, name: "Ingest", description: "from OCR", version: 1, definition: { steps: [] } });
    expect(await getWorkflow({ db: database.db, workflowId: workflow.id })).toEqual(workflow);
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
    const updated = await updateWorkflow({ db, workflowId: workflow.id, input: { definition } });
    expect(updated).toMatchObject({ version: 2, definition, name: "Ingest" });
    const again = await updateWorkflow({ db, workflowId: workflow.id, input: { definition: { steps: [] } } });
    expect(again).toMatchObject({ version: 3, definition: { steps: [] } });
    expect(await getWorkflow({ db, workflowId: workflow.id })).toEqual(again);
  });

  it("keeps the version on a rename or a new description", async () => {
    const { db } = database;
    const { workflow } = await agentWithWorkflow();
    await updateWorkflow({ db, workflowId: workflow.id, input: { definition } });
    const renamed = await updateWorkflow({ db, workflowId: workflow.id, input: { name: "Renamed", description: "" } });
    expect(renamed).toMatchObject({ name: "Renamed", description: "", version: 2, definition });
  });

  it("answers 404 ApiErrors for an unknown agent or workflow", async () => {
    const { db } = database;
    const agentNotFound = { status: 404, code: "not_found", message: `Agent ${unknownId} was not found` };
    await expect(createWorkflow({ db, agentId: unknownId, input: { name: "x" } })).rejects.toMatchObject(agentNotFound);
    await expect(listWorkflows({ db, agentId: unknownId })).rejects.toMatchObject(agentNotFound);
    const workflowNotFound = { status: 404, code: "not_found", message: `Workflow ${unknownId} was not found` };
    await expect(getWorkflow({ db, workflowId: unknownId })).rejects.toMatchObject(workflowNotFound);
    await expect(updateWorkflow({ db, workflowId: unknownId, input: { name: "x" } })).rejects.toMatchObject(workflowNotFound);
    await expect(deleteWorkflow({ db, workflowId: unknownId })).rejects.toMatchObject(workflowNotFound);
    expect(await db.workflow.count()).toBe(0);
  });

  it.each([
    ["an empty name", { name: " " }],
    ["an unknown key", { name: "x", version: 7 }],
    ["a definition on create", { name: "x", definition }],
  ])("rejects creating with %s", async (_name, input) => {
    const { db } = database;
    const agent = await createAgent({ db, input: { name: "A" } });
    await expect(createWorkflow({ db, agentId: agent.id, input })).rejects.toBeInstanceOf(ZodError);
    expect(await db.workflow.count()).toBe(0);
  });

  it.each([
    ["nothing to change", {}],
    ["duplicate step ids", { definition: { steps: [{ id: "a", type: "x" }, { id: "a", type: "y" }] } }],
    ["a definition without steps", { definition: {} }],
    ["a version set by hand", { version: 99 }],
  ])("rejects updating with %s and leaves the workflow as it was", async (_name, input) => {
    const { db } = database;
    const { workflow } = await agentWithWorkflow();
    await expect(updateWorkflow({ db, workflowId: workflow.id, input })).rejects.toBeInstanceOf(ZodError);
    expect(await getWorkflow({ db, workflowId: workflow.id })).toEqual(workflow);
  });

  it("deletes a workflow and nothing else", async () => {
    const { db } = database;
    const { agent, workflow } = await agentWithWorkflow();
    const other = await createWorkflow({ db, agentId: agent.id, input: { name: "other" } });
    await deleteWorkflow({ db, workflowId: workflow.id });
    await expect(getWorkflow({ db, workflowId: workflow.id })).rejects.toMatchObject({ status: 404 });
    expect((await listWorkflows({ db, agentId: agent.id })).map((w) => w.id)).toEqual([other.id]);
  });
});
