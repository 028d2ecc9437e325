import { EmptyState } from "@/components/ui/empty-state";

/** What a builder or viewer sees on a page meant for admins (the API refuses them anyway). */
export function AdminsOnly() {
  return (
    <EmptyState title="Admins only">
      Only admins and owners of this Workbench can open this page. Ask one of them if you need access.
    </EmptyState>
  );
}
