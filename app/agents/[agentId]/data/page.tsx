import { EmptyState } from "@/components/ui/empty-state";

export default function Page() {
  return (
    <EmptyState title="No data stored yet">
      Workflows will keep this agent&apos;s records here, such as client records, balances and document summaries, along
      with the conversations they post messages to.
    </EmptyState>
  );
}
