import { DataTab } from "@/components/data/data-tab";

export default async function Page({ params }: { params: Promise<{ agentId: string }> }) {
  const { agentId } = await params;
  return <DataTab agentId={agentId} />;
}
