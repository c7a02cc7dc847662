#!/usr/bin/env node
// Measures how the code is built, so a re-cut can say "before → after" with the same ruler:
// the largest functions in the three pipelines, the tables apps/web touches, lines over 120
// characters, exports per package index. Reads files only; prints a table, `--json` last line.
// Usage: node tooling/shape-report.mjs [--repo DIR] [--json]
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { createRequire } from "node:module";

const args = process.argv.slice(2);
const repo = args.includes("--repo") ? args[args.indexOf("--repo") + 1] : process.cwd();
const require = createRequire(join(process.cwd(), "package.json"));
const ts = require("typescript");

const SKIP = new Set([
  "node_modules",
  ".next",
  ".next-bench",
  ".turbo",
  "dist",
  "corpus",
  "fixtures",
  ".groundwork",
  "test-results",
  "playwright-report",
  "migrations",
]);
const SOURCE = /\.(ts|tsx|mts|mjs|js|cjs)$/;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith(".")) continue;
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) walk(path, out);
    else if (SOURCE.test(name) && !name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

const roots = ["apps", "packages", "ingest", "evals", "tests", "tooling", "scripts"]
  .map((r) => join(repo, r))
  .filter(existsSync);
const files = roots.flatMap((r) => walk(r));

// 1. Function sizes (lines) for every named function; the pipelines are reported by name.
function functionSizes(file) {
  const text = readFileSync(file, "utf8");
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const sizes = [];
  const visit = (node) => {
    let name;
    if (ts.isFunctionDeclaration(node) && node.name) name = node.name.text;
    else if (ts.isMethodDeclaration(node) && node.name && ts.isIdentifier(node.name)) name = node.name.text;
    else if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.initializer &&
      (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))
    )
      name = node.name.text;
    if (name) {
      const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
      sizes.push({ name, file: relative(repo, file), lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return sizes;
}
const nonTest = files.filter((f) => !/\.(test|spec)\.|\/e2e\//.test(f));
const allFunctions = nonTest.flatMap(functionSizes).sort((a, b) => b.lines - a.lines);
const pipelineNames = ["searchChunks", "answerQuestion", "executeRun"];
const pipelines = Object.fromEntries(
  pipelineNames.map((n) => [n, allFunctions.find((f) => f.name === n)?.lines ?? null]),
);

// 2. Tables apps/web touches directly: schema identifiers imported from the db package plus raw SQL FROM/JOIN/INTO/UPDATE.
const schemaFile = [join(repo, "packages/db/src/schema.ts"), join(repo, "packages/db/src/schema/index.ts")].find(
  existsSync,
);
const schemaText = schemaFile ? readFileSync(schemaFile, "utf8") : "";
const tableByIdent = new Map(
  [...schemaText.matchAll(/export const (\w+)\s*=\s*pgTable\(\s*"(\w+)"/g)].map((m) => [m[1], m[2]]),
);
const tableNames = new Set(tableByIdent.values());
const webFiles = nonTest.filter((f) => relative(repo, f).startsWith("apps/web/"));
const webTables = new Set();
for (const f of webFiles) {
  const text = readFileSync(f, "utf8");
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@groundwork\/db(?:\/schema)?"/g)) {
    for (const ident of m[1].split(",").map((s) => s.trim().split(/\s+as\s+/)[0]))
      if (tableByIdent.has(ident)) webTables.add(tableByIdent.get(ident));
  }
  // Raw SQL lives in template literals and strings; JSX copy ("answers come only from documents …") is not SQL.
  const literals = [...text.matchAll(/`[^`]*`|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g)].map((m) => m[0]).join("\n");
  for (const m of literals.matchAll(/\b(?:from|join|into|update)\s+"?(\w+)"?/gi))
    if (tableNames.has(m[1])) webTables.add(m[1]);
}

// 3. Lines over 120 characters in source files.
let longLines = 0;
let totalLines = 0;
let longest = 0;
for (const f of files) {
  for (const line of readFileSync(f, "utf8").split("\n")) {
    totalLines += 1;
    if (line.length > 120) longLines += 1;
    longest = Math.max(longest, line.length);
  }
}

// 4. Exports per package index (value and type exports, re-exports counted by name).
function exportsOf(indexFile) {
  const program = ts.createProgram([indexFile], {
    allowJs: true,
    noEmit: true,
    skipLibCheck: true,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2022,
    jsx: ts.JsxEmit.Preserve,
  });
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(indexFile);
  const symbol = sf && checker.getSymbolAtLocation(sf);
  return symbol ? checker.getExportsOfModule(symbol).length : 0;
}
const packageDirs = ["packages", "ingest"].flatMap((r) => {
  const dir = join(repo, r);
  if (!existsSync(dir)) return [];
  return existsSync(join(dir, "package.json")) ? [dir] : readdirSync(dir).map((n) => join(dir, n));
});
const exportsPerIndex = {};
for (const dir of packageDirs) {
  const index = join(dir, "src/index.ts");
  if (!existsSync(index)) continue;
  const name = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name;
  exportsPerIndex[name] = exportsOf(index);
}

const report = {
  pipelines,
  largestFunctions: allFunctions.slice(0, 8).map((f) => `${f.name} ${f.lines} (${f.file})`),
  webTables: [...webTables].sort(),
  webTableCount: webTables.size,
  schemaTableCount: tableNames.size,
  longLines,
  longLinesShare: Number((longLines / totalLines).toFixed(4)),
  longestLine: longest,
  sourceLines: totalLines,
  exportsPerIndex,
};

if (!args.includes("--json-only")) {
  console.log(
    "pipelines (lines):",
    Object.entries(pipelines)
      .map(([k, v]) => `${k} ${v}`)
      .join(", "),
  );
  console.log("largest functions:\n  " + report.largestFunctions.join("\n  "));
  console.log(`apps/web touches ${webTables.size} of ${tableNames.size} tables: ${report.webTables.join(", ")}`);
  console.log(
    `lines over 120: ${longLines} of ${totalLines} (${(report.longLinesShare * 100).toFixed(2)} %), longest ${longest}`,
  );
  console.log(
    "exports per index:",
    Object.entries(exportsPerIndex)
      .map(([k, v]) => `${k} ${v}`)
      .join(", "),
  );
}
console.log(JSON.stringify(report));
