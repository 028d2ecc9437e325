import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import { agentDtoSelect, toAgentDto, type AgentDto } from "./agent-dto";
import { updateAgentInput } from "./agent-input";

export async function updateAgent(opts: { db: Db; agentId: string; input: unknown }): Promise<AgentDto> {
  const data = updateAgentInput.parse(opts.input);
  // updateMany + re-read instead of update: a missing id is a clear not_found, not a driver error.
  const { count } = await opts.db.agent.updateMany({ where: { id: opts.agentId }, data });
  if (count === 0) throw notFound("Agent", opts.agentId);
  const row = await opts.db.agent.findUnique({ where: { id: opts.agentId }, select: agentDtoSelect });
  if (!row) throw notFound("Agent", opts.agentId);
  return toAgentDto(row);
}
