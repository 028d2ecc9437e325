// The API tokens API, typed: the caller's own tokens. A new token's value comes back once, from create.
import type { ApiTokenDto, CreatedApiTokenDto } from "@/lib/tokens/api-token-dto";
import type { CreateApiTokenInput } from "@/lib/tokens/api-token-input";

import { apiFetch } from "../api-client";

export async function listApiTokens(): Promise<ApiTokenDto[]> {
  return (await apiFetch<{ tokens: ApiTokenDto[] }>("/api/tokens")).tokens;
}

export function createApiToken(opts: { input: CreateApiTokenInput }): Promise<CreatedApiTokenDto> {
  return apiFetch<CreatedApiTokenDto>("/api/tokens", { method: "POST", body: opts.input });
}

export function revokeApiToken(opts: { tokenId: string }): Promise<void> {
  return apiFetch<void>(`/api/tokens/${encodeURIComponent(opts.tokenId)}`, { method: "DELETE" });
}
