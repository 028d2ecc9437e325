import "server-only";

import type { Db } from "@/lib/db";

import { agentDtoSelect, toAgentDto, type AgentDto } from "./agent-dto";
import { createAgentInput } from "./agent-input";

export async function createAgent(opts: { db: Db; input: unknown }): Promise<AgentDto> {
  const data = createAgentInput.parse(opts.input);
  return toAgentDto(await opts.db.agent.create({ data, select: agentDtoSelect }));
}
