// Test projects every package's vitest config shares: `unit` (no database; `pnpm test:unit`) and
// `integration` (files named *.integration.test.ts, which open an embedded or server database;
// `pnpm test:integration`). `vitest run` runs both, unit first, so `npm test` counts stay whole.
import { configDefaults } from "vitest/config";

export const INTEGRATION_GLOB = "**/*.integration.test.ts";

/** The `test.projects` entry: both inherit the package's own test options (`extends: true`). */
export const testProjects = [
  {
    extends: true,
    test: { name: "unit", exclude: [...configDefaults.exclude, INTEGRATION_GLOB], sequence: { groupOrder: 0 } },
  },
  {
    extends: true,
    // Integration files run after the unit ones finish (groupOrder), never beside them: PGlite is memory-hungry.
    test: { name: "integration", include: [INTEGRATION_GLOB], sequence: { groupOrder: 1 } },
  },
];
