import "server-only";

import type { Db } from "@/lib/db";
import { getEnv, type Env } from "@/lib/env";
import { DomainError } from "@/lib/errors/domain-error";

import { createFirstOwner, isSetupRequired } from "./create-first-owner";
import { setupInput } from "./user-input";

type OwnerEnv = Pick<Env, "WORKBENCH_OWNER_EMAIL" | "WORKBENCH_OWNER_PASSWORD" | "WORKBENCH_OWNER_NAME">;

const variableOf: Record<string, string> = {
  email: "WORKBENCH_OWNER_EMAIL",
  password: "WORKBENCH_OWNER_PASSWORD",
  name: "WORKBENCH_OWNER_NAME",
};

/**
 * For automated deployments: creates the owner from WORKBENCH_OWNER_EMAIL and
 * WORKBENCH_OWNER_PASSWORD (and WORKBENCH_OWNER_NAME) while the database has no user, so nobody
 * has to click through the setup page. Does nothing once a user exists (the password is not
 * reset). Throws, naming the variable, when the values are unusable: start-up stops on it.
 */
export async function bootstrapOwnerFromEnv(opts: { db: Db; env?: OwnerEnv }): Promise<"created" | "skipped"> {
  const env = opts.env ?? getEnv();
  const { WORKBENCH_OWNER_EMAIL: email, WORKBENCH_OWNER_PASSWORD: password, WORKBENCH_OWNER_NAME: name } = env;
  if (!email && !password) return "skipped";
  if (!email || !password)
    throw new Error(
      "Set both WORKBENCH_OWNER_EMAIL and WORKBENCH_OWNER_PASSWORD to create the owner at start-up, or neither",
    );
  const input = setupInput.safeParse({ email, password, name });
  if (!input.success) {
    const issue = input.error.issues[0];
    throw new Error(`${variableOf[String(issue.path[0])] ?? "WORKBENCH_OWNER_*"} is not usable: ${issue.message}`);
  }
  if (!(await isSetupRequired(opts))) return "skipped";
  try {
    const user = await createFirstOwner({ db: opts.db, input: input.data, source: "environment" });
    console.log(
      `[workbench] Created the owner ${user.email} from WORKBENCH_OWNER_EMAIL; remove WORKBENCH_OWNER_PASSWORD from the environment now.`,
    );
    return "created";
  } catch (error) {
    // Another instance starting at the same moment created it first.
    if (error instanceof DomainError && error.code === "setup_done") return "skipped";
    throw error;
  }
}
