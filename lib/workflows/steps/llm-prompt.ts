import { SecretUnreadableError } from "@/lib/agents/agent-secrets";
import { getAgentLlmProvider, type AgentLlmProvider } from "@/lib/agents/get-agent-llm-provider";
import { createChatCompletion } from "@/lib/llm/chat-completion";

import { evaluateJobs } from "../expressions";
import { toStepError } from "./step-errors";
import { PermanentStepError, type StepHandler, type StepServices } from "./step-handler";

// LLM Prompt: a chat completion against the agent's OpenAI-compatible provider, configured in
// the agent's Settings tab. Without one the step fails permanently, telling the builder where
// to set it: retrying cannot conjure a provider.

export const noProviderMessage =
  "No LLM provider is configured for this agent: set one in the agent's Settings tab (base URL, model, API key)";

async function loadProvider(services: StepServices, agentId: string): Promise<AgentLlmProvider> {
  let provider: AgentLlmProvider | null;
  try {
    provider = await getAgentLlmProvider({ db: services.db, agentId });
  } catch (error) {
    if (error instanceof SecretUnreadableError)
      throw new PermanentStepError(`${error.message}: enter it again in the agent's Settings tab`);
    throw error;
  }
  if (!provider) throw new PermanentStepError(noProviderMessage);
  return provider;
}

export const llmPromptStep: StepHandler<"llm_prompt"> = {
  type: "llm_prompt",
  async run({ config, context, services }) {
    const provider = await loadProvider(services, context.agent.id);
    const model = config.model || provider.model;
    if (!model)
      throw new PermanentStepError(
        "No LLM model is set: choose the agent's model in its Settings tab, or set one on this step",
      );
    const [prompt, system] = (await evaluateJobs(context, [
      { kind: "text", template: config.prompt },
      ...(config.system ? [{ kind: "text" as const, template: config.system }] : []),
    ])) as [string, string | undefined];
    if (!prompt.trim()) throw new PermanentStepError("The prompt rendered empty: check the fields it reads");
    const request = {
      model,
      system: system?.trim() ? system : undefined,
      prompt,
      temperature: config.temperature,
      json: config.json,
    };
    try {
      const completion = await createChatCompletion({
        ...request,
        baseUrl: provider.baseUrl,
        apiKey: provider.apiKey,
        signal: services.signal,
      });
      // The rendered prompts (never the key) are what a builder needs to see on the run page.
      return { output: completion, input: { ...request, baseUrl: provider.baseUrl } };
    } catch (error) {
      throw toStepError(error);
    }
  },
};
