// The boundary, process.env and no-database rules on small cases: each case lints one snippet as if it
// were the named file of the named package (syntax rules only: these rules need no type information).
import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { groundwork } from "../index.js";

const root = path.resolve(import.meta.dirname, "../../..");

async function ruleIds({ pkg, dir, file, code }) {
  const cwd = path.join(root, dir);
  const eslint = new ESLint({
    cwd,
    overrideConfigFile: true,
    overrideConfig: [...groundwork({ dir: cwd, name: pkg }), tseslint.configs.disableTypeChecked],
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(cwd, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

const cases = [
  // Layering: downward imports pass, upward and sideways ones fail.
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/core";',
    ok: true,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/access";',
    ok: false,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/retrieval/legs";',
    ok: false,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/models/embeddings";',
    ok: false,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/a.ts",
    code: 'export { x } from "@groundwork/auth";',
    ok: false,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/a.ts",
    code: 'import type { X } from "@groundwork/auth";',
    ok: false,
  },
  {
    pkg: "@groundwork/core",
    dir: "packages/core",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/db/client";',
    ok: false,
  },
  {
    pkg: "@groundwork/access",
    dir: "packages/access",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/db/schema";',
    ok: true,
  },
  {
    pkg: "@groundwork/auth",
    dir: "packages/auth",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/access";',
    ok: true,
  },
  {
    pkg: "@groundwork/retrieval",
    dir: "packages/retrieval",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/ingest";',
    ok: true,
  },
  {
    pkg: "@groundwork/retrieval",
    dir: "packages/retrieval",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/assistant";',
    ok: false,
  },
  {
    pkg: "@groundwork/assistant",
    dir: "packages/assistant",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/web";',
    ok: false,
  },
  {
    pkg: "@groundwork/assistant",
    dir: "packages/assistant",
    file: "src/a.ts",
    code: 'import { x } from "../../../apps/web/lib/x";',
    ok: false,
  },
  {
    pkg: "@groundwork/assistant",
    dir: "packages/assistant",
    file: "src/a.ts",
    code: 'import { x } from "../../../evals/src/x";',
    ok: false,
  },
  {
    pkg: "@groundwork/assistant",
    dir: "packages/assistant",
    file: "src/a.ts",
    code: 'import { x } from "./apps-list";',
    ok: true,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "lib/a.ts",
    code: 'import { x } from "@groundwork/worker";',
    ok: false,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "lib/a.ts",
    code: 'import { x } from "@groundwork/evals";',
    ok: false,
  },
  {
    pkg: "@groundwork/worker",
    dir: "apps/worker",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/ingest";',
    ok: true,
  },
  {
    pkg: "@groundwork/governance-tests",
    dir: "tests/governance",
    file: "src/a.test.ts",
    code: 'import { x } from "../../../apps/web/lib/http/route";',
    ok: true,
  },
  {
    pkg: "@groundwork/governance-tests",
    dir: "tests/governance",
    file: "src/a.test.ts",
    code: 'import { x } from "@groundwork/evals";',
    ok: false,
  },
  { pkg: "@groundwork/evals", dir: "evals", file: "src/a.ts", code: 'import { x } from "@groundwork/web";', ok: true },
  {
    pkg: "@groundwork/evals",
    dir: "evals",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/governance-tests";',
    ok: false,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/a.ts",
    code: 'import { x } from "@groundwork/unplaced";',
    ok: false,
  },
  { pkg: "@groundwork/db", dir: "packages/db", file: "src/a.ts", code: 'import { x } from "drizzle-orm";', ok: true },
  // process.env: env modules, programs and tests only.
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/client.ts",
    code: "export const u = process.env.DATABASE_URL;",
    ok: false,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/client.ts",
    code: "const { env } = process; export const u = env.X;",
    ok: false,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/client.ts",
    code: 'import { env } from "node:process"; export const u = env.X;',
    ok: false,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/env.ts",
    code: "export const u = process.env.DATABASE_URL;",
    ok: true,
  },
  {
    pkg: "@groundwork/auth",
    dir: "packages/auth",
    file: "src/oidc-env.ts",
    code: "export const u = process.env.AUTH_SECRET;",
    ok: true,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/bin/migrate.ts",
    code: "export const u = process.env.DATABASE_URL;",
    ok: true,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/db.integration.test.ts",
    code: "export const u = process.env.CI;",
    ok: true,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "next.config.ts",
    code: "export const u = process.env.X;",
    ok: true,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "lib/http/origin.ts",
    code: "export const u = process.env.X;",
    ok: false,
  },
  // apps/web pages, routes and components never touch tables.
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "app/api/x/route.ts",
    code: 'import { eq } from "drizzle-orm";',
    ok: false,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "app/admin/page.tsx",
    code: 'import { users } from "@groundwork/db/schema";',
    ok: false,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "components/list.tsx",
    code: 'import { sql } from "drizzle-orm/sql";',
    ok: false,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "app/api/x/route.ts",
    code: 'import { searchChunks } from "@groundwork/retrieval";',
    ok: true,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "app/api/x/route.ts",
    code: "export const u = process.env.X;",
    ok: false,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "app/api/x/env.ts",
    code: 'export const u = process.env.X; import { sql } from "drizzle-orm";',
    rules: ["no-restricted-imports"],
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "app/api/x/route.integration.test.ts",
    code: 'import { createTestDatabase } from "@groundwork/db/testing";',
    ok: true,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "lib/server/users.ts",
    code: 'import { eq } from "drizzle-orm";',
    ok: true,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "app/api/x/route.ts",
    code: 'import { x } from "@groundwork/evals";',
    ok: false,
  },
  // A unit test must not open a database; an integration test may.
  {
    pkg: "@groundwork/retrieval",
    dir: "packages/retrieval",
    file: "src/a.test.ts",
    code: 'import { createTestDatabase } from "@groundwork/db/testing";',
    ok: false,
  },
  {
    pkg: "@groundwork/retrieval",
    dir: "packages/retrieval",
    file: "src/a.integration.test.ts",
    code: 'import { createTestDatabase } from "@groundwork/db/testing";',
    ok: true,
  },
  {
    pkg: "@groundwork/web",
    dir: "apps/web",
    file: "app/api/x/route.test.ts",
    code: 'import { availableTargets } from "@groundwork/db/testing";',
    ok: false,
  },
  {
    pkg: "@groundwork/governance-tests",
    dir: "tests/governance",
    file: "src/x.test.ts",
    code: 'import { startAppHarness } from "./harness/app-harness";',
    ok: false,
  },
  {
    pkg: "@groundwork/governance-tests",
    dir: "tests/governance",
    file: "src/x.integration.test.ts",
    code: 'import { startAppHarness } from "./harness/app-harness";',
    ok: true,
  },
  {
    pkg: "@groundwork/db",
    dir: "packages/db",
    file: "src/embedded.integration.test.ts",
    code: 'import { startEmbeddedOwner } from "@groundwork/db/embedded";',
    ok: false,
  },
];

describe("boundary, process.env and database rules", () => {
  it.each(cases)("$pkg $file: $code", async ({ ok, rules, ...c }) => {
    const ids = (await ruleIds(c)).filter((id) => id !== "@typescript-eslint/no-unused-vars");
    if (rules) expect(ids).toEqual(rules);
    else if (ok) expect(ids).toEqual([]);
    else expect(ids.some((id) => id === "no-restricted-imports" || id === "no-restricted-properties")).toBe(true);
  });
});
