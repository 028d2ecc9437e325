import type { Role } from "@/lib/auth/roles";

/** A user as the users API returns it: never the password hash. */
export type UserDto = { id: string; email: string; name: string; role: Role; createdAt: string; updatedAt: string };

export function toUserDto(row: {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: Date;
  updatedAt: Date;
}): UserDto {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
