// The sign-in, setup and own-account API, typed.
import type { CurrentUserDto } from "@/lib/auth/current-user-dto";

import { apiFetch } from "../api-client";

export type SignInInput = { email: string; password: string };
export type CreateOwnerInput = { name: string; email: string; password: string };
export type ChangePasswordInput = { currentPassword: string; newPassword: string };

/** Whether the Workbench still has no user, so the first visitor creates the owner. */
export function getSetupStatus(): Promise<{ setupRequired: boolean }> {
  return apiFetch<{ setupRequired: boolean }>("/api/setup");
}

export async function createOwner(opts: { input: CreateOwnerInput }): Promise<CurrentUserDto> {
  return (await apiFetch<{ user: CurrentUserDto }>("/api/setup", { method: "POST", body: opts.input })).user;
}

export async function getCurrentUser(): Promise<CurrentUserDto> {
  return (await apiFetch<{ user: CurrentUserDto }>("/api/auth/me")).user;
}

export async function signIn(opts: { input: SignInInput }): Promise<CurrentUserDto> {
  return (await apiFetch<{ user: CurrentUserDto }>("/api/auth/login", { method: "POST", body: opts.input })).user;
}

export function signOut(): Promise<void> {
  return apiFetch<void>("/api/auth/logout", { method: "POST" });
}

export function changePassword(opts: { input: ChangePasswordInput }): Promise<void> {
  return apiFetch<void>("/api/auth/password", { method: "POST", body: opts.input });
}
