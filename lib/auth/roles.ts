// Pure: who may do what. Each role can do everything the roles before it can.
export const roles = ["viewer", "builder", "admin", "owner"] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  viewer: "Viewer",
  builder: "Builder",
  admin: "Admin",
  owner: "Owner",
};

export function hasRole(userRole: Role, required: Role): boolean {
  return roles.indexOf(userRole) >= roles.indexOf(required);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

/** The lesser of two roles: what an API token may do is capped by both its own role and its owner's. */
export function lowerRole(a: Role, b: Role): Role {
  return roles.indexOf(a) <= roles.indexOf(b) ? a : b;
}
