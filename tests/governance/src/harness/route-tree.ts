import fs from "node:fs";
import path from "node:path";

export const webDir = path.resolve(import.meta.dirname, "../../../../apps/web");
export const appDir = path.join(webDir, "app");

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export type TreeEntry = {
  /** Absolute file path. */
  file: string;
  /** URL pattern as the app router sees it: route groups removed, dynamic segments kept (`/documents/[id]`). */
  pattern: string;
};

function walk(dir: string, name: string, out: string[]): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    // `_folder` is private in the app router and never routable.
    if (entry.isDirectory() && !entry.name.startsWith("_")) walk(full, name, out);
    else if (entry.isFile() && new RegExp(`^${name}\\.(ts|tsx|js|jsx)$`).test(entry.name)) out.push(full);
  }
  return out;
}

function patternOf(file: string): string {
  const segments = path
    .relative(appDir, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !(s.startsWith("(") && s.endsWith(")")) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

/** Every route handler file (`route.ts`) of the app, sorted by URL pattern. */
export function listRouteFiles(): TreeEntry[] {
  return walk(appDir, "route", [])
    .map((file) => ({ file, pattern: patternOf(file) }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** Every page (`page.tsx`) of the app, sorted by URL pattern. */
export function listPageFiles(): TreeEntry[] {
  return walk(appDir, "page", [])
    .map((file) => ({ file, pattern: patternOf(file) }))
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** `/documents/[id]` + `{ id: "x" }` → `/documents/x`; catch-alls take arrays. */
export function fillPattern(pattern: string, params: Record<string, string | string[]>): string {
  return pattern.replace(/\[\[?(?:\.\.\.)?([^\]]+)\]\]?/g, (_, name: string) => {
    const v = params[name];
    return Array.isArray(v) ? v.map(encodeURIComponent).join("/") : encodeURIComponent(v ?? "");
  });
}

/** Dynamic segment names of a pattern, with whether each is a catch-all. */
export function paramsOf(pattern: string): { name: string; catchAll: boolean }[] {
  return [...pattern.matchAll(/\[\[?(\.\.\.)?([^\]]+)\]\]?/g)].map((m) => ({
    name: m[2] ?? "",
    catchAll: Boolean(m[1]),
  }));
}
