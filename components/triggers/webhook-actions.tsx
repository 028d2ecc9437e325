"use client";

import { useState } from "react";

import { DropdownMenu } from "@/components/ui/dropdown-menu";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";

import { RotateKeyDialog } from "./rotate-key-dialog";
import type { WebhookCommands } from "./use-webhook-commands";
import { DeleteWebhookDialog, EditWebhookDialog } from "./webhook-dialogs";

type OpenDialog = "edit" | "rotate" | "delete" | null;

/** The "More Actions" menu of one webhook and the dialogs its items open. */
export function WebhookActions(props: {
  agentId: string;
  webhook: WebhookDto;
  commands: WebhookCommands;
  onDeleted?: () => void;
}) {
  const { agentId, webhook, commands } = props;
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const close = () => setDialog(null);

  return (
    <>
      <DropdownMenu
        label="More Actions"
        items={[
          { label: "Download Private Key", disabled: !webhook.hasKey, onSelect: commands.downloadKey },
          { label: "Rotate Key", disabled: !webhook.hasKey, onSelect: () => setDialog("rotate") },
          { label: "Send Test Event", disabled: !webhook.hasKey, onSelect: commands.sendTestEvent },
          { label: webhook.enabled ? "Disable" : "Enable", onSelect: () => commands.setEnabled(!webhook.enabled) },
          { label: "Edit", onSelect: () => setDialog("edit") },
          { label: "Delete", danger: true, onSelect: () => setDialog("delete") },
        ]}
      />
      {dialog === "rotate" ? (
        <RotateKeyDialog agentId={agentId} webhook={webhook} onRotated={commands.showIssuedKey} onClose={close} />
      ) : null}
      {dialog === "edit" ? <EditWebhookDialog agentId={agentId} webhook={webhook} onClose={close} /> : null}
      {dialog === "delete" ? (
        <DeleteWebhookDialog agentId={agentId} webhook={webhook} onClose={close} onDeleted={props.onDeleted} />
      ) : null}
    </>
  );
}
