// Which workspace package may import which: the layering the README's architecture section draws,
// as one table. A package may import only packages of a strictly lower rank, so nothing imports
// upward, siblings of one rank stay apart (db and models; web and worker), and evals (top rank,
// shared with the governance tests) is imported by nobody.
export const PACKAGES = {
  // Tooling: used by config files only, imports no workspace package.
  "@groundwork/eslint-config": -1,
  "@groundwork/tsconfig": -1,
  "@groundwork/vitest-config": -1,
  "@groundwork/core": 0,
  "@groundwork/db": 1,
  "@groundwork/models": 1,
  "@groundwork/access": 2,
  "@groundwork/audit": 3,
  "@groundwork/auth": 4,
  "@groundwork/ingest": 5,
  "@groundwork/retrieval": 6,
  "@groundwork/assistant": 7,
  "@groundwork/web": 8,
  "@groundwork/worker": 8,
  // The local topology harness (starts web and worker processes, never imports them).
  "@groundwork/topology": 8,
  "@groundwork/governance-tests": 9,
  "@groundwork/evals": 9,
};

/** Packages that are programs, not libraries: nothing below them may reach into their folders. */
const PROGRAM_DIRS = { 8: ["apps"], 9: ["evals"] };

export function rankOf(name) {
  const rank = PACKAGES[name];
  if (rank === undefined) {
    throw new Error(`${name} has no rank in tooling/eslint/boundaries.js; add it where it sits in the layering`);
  }
  return rank;
}

/** The workspace packages `name` may import. */
export function allowedImports(name) {
  const rank = rankOf(name);
  return Object.keys(PACKAGES).filter((other) => PACKAGES[other] < rank);
}

/**
 * no-restricted-imports patterns for `name`: one per workspace package it may not import (with the
 * reason), plus relative paths into program folders (apps/, evals/) it sits below.
 */
export function boundaryPatterns(name) {
  const rank = rankOf(name);
  const patterns = [];
  for (const [other, otherRank] of Object.entries(PACKAGES)) {
    if (otherRank < rank || otherRank < 0) continue;
    const why = other === name ? "a package imports itself by relative path" : `${other} is not below ${name}`;
    patterns.push({
      group: [other, `${other}/*`],
      message: `${why} (layering in tooling/eslint/boundaries.js).`,
    });
  }
  for (const [programRank, dirs] of Object.entries(PROGRAM_DIRS)) {
    if (Number(programRank) <= rank) continue;
    for (const dir of dirs) {
      patterns.push({
        group: [`**/${dir}/**`],
        message: `${name} must not reach into ${dir}/ (programs sit above every package).`,
      });
    }
  }
  // A package name not in the table is a new package nobody has placed yet.
  const known = Object.keys(PACKAGES).flatMap((p) => [`!${p}`, `!${p}/*`]);
  patterns.push({
    group: ["@groundwork/*", ...known],
    message: "unknown workspace package: give it a rank in tooling/eslint/boundaries.js.",
  });
  return patterns;
}
