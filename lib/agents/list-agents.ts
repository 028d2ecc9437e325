import "server-only";

import type { Db } from "@/lib/db";

import { agentDtoSelect, toAgentDto, type AgentDto } from "./agent-dto";

export async function listAgents(opts: { db: Db }): Promise<AgentDto[]> {
  const rows = await opts.db.agent.findMany({
    select: agentDtoSelect,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toAgentDto);
}
