import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/**
 * `pnpm test:topology`: suites that run against a live local topology (the running PostgreSQL
 * as primary, a streaming standby, PgBouncer, two web processes behind the round-robin proxy,
 * two workers), started once by the global setup and stopped after. Their files end in
 * `.topology.ts`, so the package's own `vitest run` never picks them up. Same aliases and
 * environment as the package's other suites.
 */
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ["src/topology/**/*.topology.ts"],
    globalSetup: ["src/topology/topology-global-setup.ts"],
    env: base.test?.env,
    server: base.test?.server,
    testTimeout: 90_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
