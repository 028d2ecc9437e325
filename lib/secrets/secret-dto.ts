/** What anyone who can read the agent sees of a secret: its name and when it was set, never its value. */
export type AgentSecretDto = {
  name: string;
  createdAt: string;
  updatedAt: string;
  createdByEmail: string;
};

export const agentSecretDtoSelect = { name: true, createdAt: true, updatedAt: true, createdByEmail: true } as const;

export function toAgentSecretDto(row: {
  name: string;
  createdAt: Date;
  updatedAt: Date;
  createdByEmail: string;
}): AgentSecretDto {
  return {
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdByEmail: row.createdByEmail,
  };
}
