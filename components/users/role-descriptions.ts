import type { Role } from "@/lib/auth/roles";

/** The hint under the role picker of Add user. */
export const roleDescriptions: Record<Role, string> = {
  viewer: "Reads agents, workflows, webhooks and runs; cannot change anything or see private keys.",
  builder: "Creates and changes agents, workflows and webhooks, and generates and downloads keys.",
  admin: "Everything a builder does, plus users and settings.",
  owner: "Everything an admin does, including managing other owners.",
};

/** One line per role for the legend above the users table. */
export const roleSummaries: Record<Role, string> = {
  viewer: "Reads everything except private keys and secrets.",
  builder: "Builds agents, workflows and webhooks; manages keys.",
  admin: "Also manages users and settings.",
  owner: "Also manages other owners.",
};
