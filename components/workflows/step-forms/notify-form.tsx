import { TextAreaField } from "@/components/ui/text-field";

import { CodeInput, optionalText, templateHint, textOf, type ConfigFormProps } from "./fields";

export function NotifyForm({ config, onChange, field }: ConfigFormProps) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <CodeInput
          label="Conversation key"
          hint="Finds or creates the conversation with this key, e.g. {{ trigger.body.ticketId }}."
          value={textOf(config.conversationKey)}
          onChange={(event) => onChange({ ...config, conversationKey: event.target.value })}
          {...field("conversationKey")}
        />
        <CodeInput
          label="Conversation title"
          hint="Optional; used when the conversation is created."
          value={textOf(config.conversationTitle)}
          onChange={(event) => onChange({ ...config, conversationTitle: optionalText(event.target.value) })}
          {...field("conversationTitle")}
        />
      </div>
      <TextAreaField
        label="Message"
        rows={4}
        hint={templateHint}
        value={textOf(config.message)}
        onChange={(event) => onChange({ ...config, message: event.target.value })}
        {...field("message")}
      />
      <CodeInput
        label="URL"
        placeholder="https://example.com/hooks/agent"
        hint="Optional: also POST the message as signed JSON here (x-signature, keyed with the outbound signing secret in Settings)."
        value={textOf(config.url)}
        onChange={(event) => onChange({ ...config, url: optionalText(event.target.value) })}
        {...field("url")}
      />
    </div>
  );
}
