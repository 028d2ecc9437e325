import Link from "next/link";

import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <EmptyState
      title="Page not found"
      action={
        <Link className="text-sm font-medium text-indigo-600" href="/agents">
          Go to agents
        </Link>
      }
    >
      There is nothing at this address.
    </EmptyState>
  );
}
