import { defineConfig } from "vitest/config";
import { testProjects } from "@groundwork/vitest-config";

export default defineConfig({
  test: {
    // unit (no database) and integration (*.integration.test.ts) projects; `vitest run` runs both.
    projects: testProjects,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // PGlite instances are memory-hungry and the machine has 2 cores: files run one at a time.
    fileParallelism: false,
  },
});
