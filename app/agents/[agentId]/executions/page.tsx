import { EmptyState } from "@/components/ui/empty-state";

export default function Page() {
  return (
    <EmptyState title="No executions to show yet">
      Once webhooks start this agent&apos;s workflows, every run will be listed here with its status, attempts, duration and
      the input, output and errors of each step.
    </EmptyState>
  );
}
