"use client";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog } from "@/components/ui/dialog";
import type { WebhookDto } from "@/lib/webhooks/webhook-dto";

import { useCreateWebhook, useDeleteWebhook, useUpdateWebhook } from "./use-webhooks";
import { WebhookForm } from "./webhook-form";
import { toWebhookFormValues } from "./webhook-form-values";

export function CreateWebhookDialog({ agentId, onClose }: { agentId: string; onClose: () => void }) {
  const create = useCreateWebhook(agentId);
  return (
    <Dialog open onClose={onClose} title="Create Webhook">
      <WebhookForm
        agentId={agentId}
        submitLabel="Create Webhook"
        pending={create.isPending}
        error={create.error}
        onSubmit={(values) => create.mutate(values, { onSuccess: onClose })}
        onCancel={onClose}
      />
    </Dialog>
  );
}

export function EditWebhookDialog({
  agentId,
  webhook,
  onClose,
}: {
  agentId: string;
  webhook: WebhookDto;
  onClose: () => void;
}) {
  const update = useUpdateWebhook(agentId, webhook.id);
  return (
    <Dialog open onClose={onClose} title="Edit Webhook">
      <WebhookForm
        agentId={agentId}
        initial={toWebhookFormValues(webhook)}
        hasKey={webhook.hasKey}
        submitLabel="Save changes"
        pending={update.isPending}
        error={update.error}
        onSubmit={(values) => update.mutate(values, { onSuccess: onClose })}
        onCancel={onClose}
      />
    </Dialog>
  );
}

export function DeleteWebhookDialog(props: {
  agentId: string;
  webhook: WebhookDto;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const remove = useDeleteWebhook(props.agentId, props.webhook.id);
  return (
    <ConfirmDialog
      open
      title={`Delete ${props.webhook.name}?`}
      confirmLabel="Delete Webhook"
      pending={remove.isPending}
      error={remove.error}
      onClose={props.onClose}
      onConfirm={() => remove.mutate(undefined, { onSuccess: props.onDeleted ?? props.onClose })}
    >
      <p>
        Its endpoint stops accepting requests at once, and its key and delivery log are deleted with it. Senders still
        posting to it will get 404 Not Found. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
