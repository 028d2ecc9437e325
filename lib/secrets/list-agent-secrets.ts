import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import { agentSecretDtoSelect, toAgentSecretDto, type AgentSecretDto } from "./secret-dto";

/** The agent's secrets by name, without values (for every role: names are not secret). */
export async function listAgentSecrets(opts: { db: Db; agentId: string }): Promise<AgentSecretDto[]> {
  const agent = await opts.db.agent.findUnique({ where: { id: opts.agentId }, select: { id: true } });
  if (!agent) throw notFound("Agent", opts.agentId);
  const rows = await opts.db.agentSecret.findMany({
    where: { agentId: opts.agentId },
    select: agentSecretDtoSelect,
    orderBy: { name: "asc" },
  });
  return rows.map(toAgentSecretDto);
}
