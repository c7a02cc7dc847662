import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";
import { testProjects } from "@groundwork/vitest-config";

const web = path.resolve(import.meta.dirname, "../../apps/web");

export default defineConfig({
  resolve: {
    alias: [
      { find: /^~\//, replacement: `${web}/` },
      // lib/server modules import "server-only", which throws outside Next's server graph.
      { find: /^server-only$/, replacement: path.join(web, "node_modules/server-only/empty.js") },
      // Route handlers read cookies through next/headers, which only works inside Next's request
      // scope; the harness provides the same API backed by the crafted request.
      { find: /^next\/headers$/, replacement: path.resolve(import.meta.dirname, "src/harness/next-headers.ts") },
      { find: /^next\/server$/, replacement: path.resolve(import.meta.dirname, "src/harness/next-server.ts") },
    ],
  },
  test: {
    // unit (no database) and integration (*.integration.test.ts) projects; `vitest run` runs both.
    projects: testProjects,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // PGlite instances are memory-hungry and the machine has 2 cores: files run one at a time.
    fileParallelism: false,
    // The harness's requests come from http://groundwork.test (harness/app-harness.ts ORIGIN);
    // the route wrapper's Origin check compares against the configured public origin.
    // Suites build their sources in temp folders; sources are confined to configured roots.
    env: {
      GROUNDWORK_LOG_LEVEL: "warn",
      GROUNDWORK_PUBLIC_URL: "http://groundwork.test",
      GROUNDWORK_SOURCE_ROOTS: [os.tmpdir(), path.resolve(import.meta.dirname, "../../ingest/corpus")].join(","),
    },
    // next-auth imports `next/server` without an extension, which plain Node ESM refuses; let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
  },
});
