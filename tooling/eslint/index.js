// Shared flat config. Every package's eslint.config.js is `export default groundwork({ dir: import.meta.dirname })`.
// Type-aware (typescript-eslint's project service reads each package's tsconfig.json): slower than
// syntax-only rules, but it is what `pnpm lint` and so `npm test` run; `typecheck` stays the type gate.
import fs from "node:fs";
import path from "node:path";
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import { boundaryPatterns } from "./boundaries.js";

const TS = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];
const JS = ["**/*.js", "**/*.mjs", "**/*.cjs"];

/**
 * recommendedTypeChecked, less the rules that only restate what strict tsc already says or that fight the
 * codebase's deliberate patterns (parsed JSON and driver rows are `unknown`/`any` at the edges and
 * checked with zod there). Kept on: floating and misused promises, await of non-thenables, unbound
 * methods, needless assertions, base-to-string, restricted template expressions, only-throw-error.
 */
const TYPE_AWARE_OVERRIDES = {
  "@typescript-eslint/no-unsafe-assignment": "off",
  "@typescript-eslint/no-unsafe-member-access": "off",
  "@typescript-eslint/no-unsafe-argument": "off",
  "@typescript-eslint/no-unsafe-call": "off",
  "@typescript-eslint/no-unsafe-return": "off",
  // htmlparser2's ElementType members are compared with their string values on purpose.
  "@typescript-eslint/no-unsafe-enum-comparison": "off",
  // Async functions without await implement async interfaces (Source, Embedder, route handlers).
  "@typescript-eslint/require-await": "off",
  // React event handlers may be async (onSubmit={async …}); promises passed as other arguments still count.
  "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
};

/** Files that may read process.env: env modules, and programs or tests that set up a process. */
export const ENV_READERS = [
  "**/env.ts",
  "**/*-env.ts",
  "**/bin/**",
  "**/scripts/**",
  "**/bench/**",
  "**/e2e/**",
  "**/fixtures/**",
  "**/testing/**",
  "**/testing.ts",
  "**/*.test.ts",
  "**/*.test.tsx",
  "**/*.config.ts",
  "**/*.config.js",
  "**/*.config.mjs",
];

/** Test files: exempt from the process.env rule and from the no-database rule for web pages. */
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "**/testing/**", "**/e2e/**"];

/** apps/web folders that render or route only: they call packages, never the database. */
const WEB_NO_DB = ["app/**", "components/**"];

const NO_ENV_IMPORTS = ["process", "node:process"].map((name) => ({
  name,
  importNames: ["env"],
  message: "Read configuration in the package's env.ts (tooling/eslint/README.md).",
}));

const NO_DB_IMPORTS = [
  {
    group: ["drizzle-orm", "drizzle-orm/*", "@groundwork/db", "@groundwork/db/*"],
    message: "Pages and routes call the owning package's functions; only packages touch tables.",
  },
];

/** A test that opens a database is an integration test: `pnpm test:unit` runs without one. */
const NO_TEST_DATABASE = [
  {
    group: ["@groundwork/db/testing", "@groundwork/db/embedded", "**/harness/app-harness"],
    message: "This test opens a database: name it *.integration.test.ts (tooling/vitest/README.md).",
  },
];

/** One no-restricted-imports setting (ESLint keeps only the last one that matches a file, so each is whole). */
function restrictedImports({ name, env, db, unitTest = false }) {
  return [
    "error",
    {
      paths: env ? [] : NO_ENV_IMPORTS,
      patterns: [...boundaryPatterns(name), ...(db ? [] : NO_DB_IMPORTS), ...(unitTest ? NO_TEST_DATABASE : [])],
    },
  ];
}

function readPackageName(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name;
}

/**
 * The config for the package in `dir` (its package.json names it; its place in the layering comes from
 * boundaries.js). Web gets react-hooks, @next/next and the no-database rule for app/ and components/.
 */
export function groundwork({ dir, name = readPackageName(dir) }) {
  const web = name === "@groundwork/web";
  const configs = [
    {
      ignores: [
        "**/node_modules/**",
        "**/.next/**",
        "**/.next-*/**",
        "**/dist/**",
        "**/*.d.ts",
        "**/test-results/**",
        "**/playwright-report/**",
      ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: {
        globals: { ...globals.node },
        parserOptions: { projectService: true, tsconfigRootDir: dir },
      },
      rules: {
        "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        "@typescript-eslint/consistent-type-imports": "error",
        "no-console": "off",
        ...TYPE_AWARE_OVERRIDES,
      },
    },
    // Config and helper scripts in plain JS sit outside every tsconfig: syntax rules only.
    { files: JS, ...tseslint.configs.disableTypeChecked },
    // Boundaries, process.env and (web) database access. Later entries override earlier ones per file.
    {
      files: [...TS, ...JS],
      rules: {
        "no-restricted-imports": restrictedImports({ name, env: false, db: true }),
        "no-restricted-properties": [
          "error",
          {
            object: "process",
            property: "env",
            message: "Read configuration in the package's env.ts (tooling/eslint/README.md).",
          },
        ],
      },
    },
    {
      files: ENV_READERS,
      rules: {
        "no-restricted-imports": restrictedImports({ name, env: true, db: true }),
        "no-restricted-properties": "off",
      },
    },
  ];
  if (web) {
    configs.push(
      { files: WEB_NO_DB, rules: { "no-restricted-imports": restrictedImports({ name, env: false, db: false }) } },
      // An env module inside app/ may read process.env but still not the database.
      ...WEB_NO_DB.map((folder) => ({
        files: [[folder, "{**/env.ts,**/*-env.ts}"]],
        rules: { "no-restricted-imports": restrictedImports({ name, env: true, db: false }) },
      })),
      { files: TESTS, rules: { "no-restricted-imports": restrictedImports({ name, env: true, db: true }) } },
      {
        files: ["**/*.tsx", "**/*.ts"],
        plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
        settings: { next: { rootDir: dir } },
        languageOptions: { globals: { ...globals.browser } },
        rules: { ...reactHooks.configs.flat.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
      },
    );
  }
  configs.push({
    files: ["**/*.test.ts", "**/*.test.tsx"],
    ignores: ["**/*.integration.test.ts"],
    rules: { "no-restricted-imports": restrictedImports({ name, env: true, db: true, unitTest: true }) },
  });
  return tseslint.config(...configs);
}

/**
 * For a package whose eslint.config.js still re-exports the default: the package eslint runs in. A folder
 * that is not a ranked package (the repository root) gets the rules without boundaries instead of an error
 * on import.
 */
function defaultConfig() {
  try {
    return groundwork({ dir: process.cwd() });
  } catch {
    return groundwork({ dir: process.cwd(), name: "@groundwork/tsconfig" });
  }
}

export default defaultConfig();
