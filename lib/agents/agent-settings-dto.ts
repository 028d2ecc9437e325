/** An agent's integration settings. The LLM API key is never returned, only whether one is set. */
export type AgentSettingsDto = {
  llmBaseUrl: string | null;
  llmModel: string | null;
  llmApiKeyConfigured: boolean;
  /**
   * The secret that signs Notify steps' outbound POSTs (x-signature, like incoming webhooks);
   * created when a builder first views it. Null for viewers, who must not see secrets.
   */
  outboundSigningSecret: string | null;
};
