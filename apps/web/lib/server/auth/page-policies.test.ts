import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PAGE_POLICIES } from "./page-policies";

const appDir = path.resolve(import.meta.dirname, "../../../app");

function pages(dir: string, segments: string[] = []): { route: string; file: string }[] {
  const out: { route: string; file: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (entry.name === "api") continue;
      // Route groups "(app)" do not appear in the URL.
      const seg = /^\(.*\)$/.test(entry.name) ? [] : [entry.name];
      out.push(...pages(path.join(dir, entry.name), [...segments, ...seg]));
    } else if (entry.name === "page.tsx") {
      out.push({ route: `/${segments.join("/")}`, file: path.join(dir, entry.name) });
    }
  }
  return out;
}

describe("page policies", () => {
  const found = pages(appDir);

  it("every page in the app tree declares a policy, and no policy names a missing page", () => {
    expect(found.length).toBeGreaterThan(5);
    expect(found.map((p) => p.route).sort()).toEqual(Object.keys(PAGE_POLICIES).sort());
  });

  it("every non-public page enforces its own policy through requirePage", () => {
    for (const { route, file } of found) {
      if (PAGE_POLICIES[route as keyof typeof PAGE_POLICIES] === "public") continue;
      const source = fs.readFileSync(file, "utf8");
      expect(source, `${route} must call requirePage({ page: "${route}" })`).toContain(
        `requirePage({ page: "${route}"`,
      );
    }
  });
});
