"use client";

import { useMutation, useQuery } from "@tanstack/react-query";

import type { CurrentUserDto } from "@/lib/auth/current-user-dto";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";

export type SignInInput = { email: string; password: string };
export type CreateOwnerInput = { name: string; email: string; password: string };
export type ChangePasswordInput = { currentPassword: string; newPassword: string };

/** Whether the Workbench still has no user, so the first visitor creates the owner. */
export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setupStatus,
    queryFn: () => apiFetch<{ setupRequired: boolean }>("/api/setup"),
    staleTime: 0,
  });
}

export function useSignIn() {
  return useMutation({
    mutationFn: async (input: SignInInput) =>
      (await apiFetch<{ user: CurrentUserDto }>("/api/auth/login", { method: "POST", body: input })).user,
  });
}

export function useCreateOwner() {
  return useMutation({
    mutationFn: async (input: CreateOwnerInput) =>
      (await apiFetch<{ user: CurrentUserDto }>("/api/setup", { method: "POST", body: input })).user,
  });
}

/** Changes the signed-in user's own password; their other sessions end, this one stays. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => apiFetch<void>("/api/auth/password", { method: "POST", body: input }),
  });
}

/** Ends the session on the server, then loads the sign-in page afresh so nothing of this user stays in memory. */
export function useSignOut() {
  return useMutation({
    mutationFn: () => apiFetch<void>("/api/auth/logout", { method: "POST" }),
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load, not the router: it drops every cached query and component state of the user who signed out.
    onSuccess: () => window.location.assign("/login"),
  });
}
