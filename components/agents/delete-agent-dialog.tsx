"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { AgentDto } from "@/lib/agents/agent-dto";

import { useDeleteAgent } from "./use-agents";

export function DeleteAgentDialog({
  agent,
  onClose,
  onDeleted,
}: {
  agent: AgentDto;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const remove = useDeleteAgent();
  return (
    <ConfirmDialog
      open
      title={`Delete ${agent.name}?`}
      confirmLabel="Delete agent"
      pending={remove.isPending}
      error={remove.error}
      onClose={onClose}
      onConfirm={() => remove.mutate(agent.id, { onSuccess: onDeleted ?? onClose })}
    >
      <p>
        This deletes the agent and its {agent.workflowCount} {agent.workflowCount === 1 ? "workflow" : "workflows"}. It
        cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
