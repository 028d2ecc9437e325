// Loads modules fresh for a suite with the given environment, so lib/env and the master key
// (both cached per module instance) see this suite's values; the environment is restored after.
import { afterAll, beforeAll, vi } from "vitest";

import { setEnv, TEST_MASTER_KEY } from "./webhook-app";

export function useFreshModules<T>(opts: { env?: Record<string, string | undefined>; load: () => Promise<T> }): {
  readonly modules: T;
} {
  let modules: T | undefined;
  let restoreEnv: (() => void) | undefined;
  beforeAll(async () => {
    restoreEnv = setEnv({ WORKBENCH_MASTER_KEY: TEST_MASTER_KEY, ...opts.env });
    vi.resetModules();
    modules = await opts.load();
  });
  afterAll(() => restoreEnv?.());
  return {
    get modules() {
      if (!modules) throw new Error("The modules are not loaded (used outside a test?)");
      return modules;
    },
  };
}
