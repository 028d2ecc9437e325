import type { Role } from "./roles";

/** The signed-in user as GET /api/auth/me returns it. */
export type CurrentUserDto = { id: string; email: string; name: string; role: Role };
