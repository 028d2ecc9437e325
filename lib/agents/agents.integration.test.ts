import { beforeEach, describe, expect, it } from "vitest";
import { ZodError } from "zod";

import { DomainError } from "@/lib/errors/domain-error";
import { createWorkflow } from "@/lib/workflows/create-workflow";
import { providers, useMigratedDatabase } from "@/test/databases";

import { createAgent } from "./create-agent";
import { deleteAgent } from "./delete-agent";
import { getAgent } from "./get-agent";
import { listAgents } from "./list-agents";
import { updateAgent } from "./update-agent";

const unknownId = "cl_no_such_agent";

describe.each(providers)("agents on %s", (provider) => {
  const database = useMigratedDatabase(provider);
  beforeEach(() => database.reset());

  it("creates an agent with trimmed fields and reads it back", async () => {
    const { db } = database;
    const created = await createAgent({ db, input: { name: "  Invoice reader ", description: " OCR -> CRM " } });
    expect(created).toMatchObject({ name: "Invoice reader", description: "OCR -> CRM", workflowCount: 0 });
    expect(created.id).toMatch(/^\w+$/);
    expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt);
    expect(await getAgent({ db, agentId: created.id })).toEqual(created);
  });

  it("lists agents newest first, ties broken by id", async () => {
    const { db } = database;
    for (const name of ["first", "second", "third", "fourth"]) await createAgent({ db, input: { name } });
    const listed = await listAgents({ db });
    expect(listed).toHaveLength(4);
    const expected = [...listed].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
    expect(listed.map((agent) => agent.id)).toEqual(expected.map((agent) => agent.id));
    expect(listed.at(-1)?.name).toBe("first");
  });

  it("counts an agent's workflows", async () => {
    const { db } = database;
    const agent = await createAgent({ db, input: { name: "A" } });
    await createWorkflow({ db, agentId: agent.id, input: { name: "one" } });
    await createWorkflow({ db, agentId: agent.id, input: { name: "two" } });
    expect((await getAgent({ db, agentId: agent.id })).workflowCount).toBe(2);
    expect((await listAgents({ db }))[0].workflowCount).toBe(2);
  });

  it("renames and redescribes, leaving fields not sent alone", async () => {
    const { db } = database;
    const agent = await createAgent({ db, input: { name: "Old", description: "keep me" } });
    const renamed = await updateAgent({ db, agentId: agent.id, input: { name: " New " } });
    expect(renamed).toMatchObject({ id: agent.id, name: "New", description: "keep me" });
    const redescribed = await updateAgent({ db, agentId: agent.id, input: { description: "" } });
    expect(redescribed).toMatchObject({ name: "New", description: "" });
    expect(await getAgent({ db, agentId: agent.id })).toEqual(redescribed);
  });

  it("throws not_found DomainErrors for unknown ids", async () => {
    const { db } = database;
    const notFound = { code: "not_found", message: `Agent ${unknownId} was not found` };
    await expect(getAgent({ db, agentId: unknownId })).rejects.toMatchObject(notFound);
    await expect(updateAgent({ db, agentId: unknownId, input: { name: "x" } })).rejects.toMatchObject(notFound);
    await expect(deleteAgent({ db, agentId: unknownId })).rejects.toBeInstanceOf(DomainError);
  });

  it.each([
    ["an empty name", { name: "" }],
    ["a name over 100 characters", { name: "n".repeat(101) }],
    ["an unknown key", { name: "A", id: "chosen-id" }],
    ["a wrong type", { name: ["A"] }],
    ["no object at all", "A"],
  ])("rejects %s with a ZodError and stores nothing", async (_name, input) => {
    const { db } = database;
    await expect(createAgent({ db, input })).rejects.toBeInstanceOf(ZodError);
    expect(await db.agent.count()).toBe(0);
  });

  it("rejects an update that changes nothing, before looking the agent up", async () => {
    const { db } = database;
    await expect(updateAgent({ db, agentId: unknownId, input: {} })).rejects.toBeInstanceOf(ZodError);
  });

  it("deletes an agent together with its workflows, and only those", async () => {
    const { db } = database;
    const doomed = await createAgent({ db, input: { name: "doomed" } });
    const kept = await createAgent({ db, input: { name: "kept" } });
    await createWorkflow({ db, agentId: doomed.id, input: { name: "w1" } });
    await createWorkflow({ db, agentId: doomed.id, input: { name: "w2" } });
    const keptWorkflow = await createWorkflow({ db, agentId: kept.id, input: { name: "w3" } });
    expect(await db.workflow.count()).toBe(3);

    await deleteAgent({ db, agentId: doomed.id });

    await expect(getAgent({ db, agentId: doomed.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await db.workflow.findMany({ select: { id: true } })).toEqual([{ id: keptWorkflow.id }]);
    expect((await listAgents({ db })).map((agent) => agent.id)).toEqual([kept.id]);
    await expect(deleteAgent({ db, agentId: doomed.id })).rejects.toMatchObject({ code: "not_found" });
  });
});
