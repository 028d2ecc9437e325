// Starts the bare baseline (baseline-server.mjs) on the scenario's database, as a target the load
// modules drive exactly like ours.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";

import { forkModule } from "./processes.mjs";

/** Returns { url, privateKey, pid, stop }. */
export async function startBaseline({ database, port }) {
  const privateKey = randomBytes(24).toString("base64url");
  const child = forkModule({
    name: "the baseline server",
    modulePath: fileURLToPath(new URL("./baseline-server.mjs", import.meta.url)),
    args: [String(port), privateKey, database.baselineTarget],
  });
  await child.ready;
  return { url: `http://127.0.0.1:${port}/`, privateKey, pid: child.pid, stop: child.stop };
}
