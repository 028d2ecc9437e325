import type { ReactNode } from "react";

import { AgentFrame } from "@/components/agents/agent-header";

export default async function AgentLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ agentId: string }>;
}) {
  const { agentId } = await params;
  return <AgentFrame agentId={agentId}>{children}</AgentFrame>;
}
