import { ConversationsSection } from "./conversations-section";
import { RecordsSection } from "./records-section";

export function DataTab({ agentId }: { agentId: string }) {
  return (
    <div className="space-y-6">
      <RecordsSection agentId={agentId} />
      <ConversationsSection agentId={agentId} />
    </div>
  );
}
