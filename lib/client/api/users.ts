// The users API, typed.
import type { Role } from "@/lib/auth/roles";
import type { UserDto } from "@/lib/users/user-dto";

import { apiFetch } from "../api-client";

export type CreateUserInput = { email: string; name: string; role: Role; password: string };
export type UpdateUserInput = { name?: string; role?: Role; password?: string };

const userPath = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;

export async function listUsers(): Promise<UserDto[]> {
  return (await apiFetch<{ users: UserDto[] }>("/api/users")).users;
}

export async function createUser(opts: { input: CreateUserInput }): Promise<UserDto> {
  return (await apiFetch<{ user: UserDto }>("/api/users", { method: "POST", body: opts.input })).user;
}

export async function updateUser(opts: { userId: string; input: UpdateUserInput }): Promise<UserDto> {
  return (await apiFetch<{ user: UserDto }>(userPath(opts.userId), { method: "PATCH", body: opts.input })).user;
}

export function deleteUser(opts: { userId: string }): Promise<void> {
  return apiFetch<void>(userPath(opts.userId), { method: "DELETE" });
}
