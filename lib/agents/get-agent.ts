import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import { agentDtoSelect, toAgentDto, type AgentDto } from "./agent-dto";

export async function getAgent(opts: { db: Db; agentId: string }): Promise<AgentDto> {
  const row = await opts.db.agent.findUnique({ where: { id: opts.agentId }, select: agentDtoSelect });
  if (!row) throw notFound("Agent", opts.agentId);
  return toAgentDto(row);
}
