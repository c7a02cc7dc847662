import path from "node:path";
import { defineConfig } from "vitest/config";
import { testProjects } from "@groundwork/vitest-config";

export default defineConfig({
  resolve: {
    alias: {
      "~": import.meta.dirname,
      // lib/server modules import "server-only", which throws outside Next's server graph; tests run them on the server side too.
      "server-only": path.join(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    // unit (no database) and integration (*.integration.test.ts) projects; `vitest run` runs both.
    projects: testProjects,
    // e2e/ (and e2e-pending/, specs not yet in the run) belong to Playwright.
    exclude: ["**/node_modules/**", "e2e/**", "e2e-pending/**", ".next/**"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // Route tests send Origin http://localhost; mutations are checked against the public origin.
    env: { GROUNDWORK_PUBLIC_URL: "http://localhost" },
  },
});
