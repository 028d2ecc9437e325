// Bundles the server's own TypeScript entries for server.mjs (run by `npm run build`, and by
// `npm run dev` at start): lib/server/runtime.ts (start-up checks and the webhook fast path) and
// lib/workflows/engine/worker-thread-main.ts (the workflow worker's thread), into .next/workbench/.
// Packages stay external (loaded from node_modules as Next's server does); `server-only` is
// emptied, as Next does for server code, since these bundles only ever run on the server.
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "esbuild";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
export const bundleDir = path.join(root, ".next", "workbench");

const emptyServerOnly = {
  name: "empty-server-only",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    pluginBuild.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

export async function buildServer() {
  await build({
    absWorkingDir: root,
    entryPoints: {
      runtime: "lib/server/runtime.ts",
      "worker-thread": "lib/workflows/engine/worker-thread-main.ts",
    },
    outdir: bundleDir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(root, "tsconfig.json"),
    plugins: [emptyServerOnly],
    sourcemap: "linked",
    logLevel: "warning",
    // CommonJS packages imported by name keep working from an ES module bundle.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();
