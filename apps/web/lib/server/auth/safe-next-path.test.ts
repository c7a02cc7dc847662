import { describe, expect, it } from "vitest";
import { isSafeLocalPath } from "@groundwork/auth/safe-url";
import { DEFAULT_NEXT_PATH, safeNextPath } from "./safe-next-path";

/** What a browser does with a Location header value: strip tab/CR/LF, resolve against the page. */
function browserResolve(location: string): URL {
  return new URL(location.replace(/[\t\n\r]/g, ""), "https://groundwork.example/sign-in");
}

const ATTACKS = [
  // The reported one, as the page's searchParams decode it and as it arrives raw.
  "/\t/evil.example/phish",
  "/%09/evil.example/phish",
  "/\n/evil.example",
  "/%0a/evil.example",
  "/%0D%0A/evil.example",
  "/\r/evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "/\\/evil.example",
  "\\\\evil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "/%252F/evil.example",
  "/%25252F%25252Fevil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "JavaScript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  " /chat",
  "/ /evil.example",
  "/chat\u0000",
  "/%00/evil.example",
  "/\u00a0/evil.example",
  "/\u2028/evil.example",
  "/\ufeff/evil.example",
  "/\u200b/evil.example",
  "/%E2%80%8B/evil.example",
  "/%",
  "/%zz",
  "",
  `/${"a".repeat(3000)}`,
];

const SAFE = [
  "/",
  "/chat",
  "/chat?c=0b7e0c8e-6b7a-4c33-9b2f-3f1c2a7b9d10",
  "/documents/abc?chunk=1&start=2&end=3",
  "/admin/runs/123",
  "/lookup#results",
  "/chat?c=a%2Db",
];

describe("safeNextPath", () => {
  it.each(ATTACKS.map((a) => [JSON.stringify(a), a] as const))(
    "refuses %s and falls back to the role's home",
    (_label, attack) => {
      expect(isSafeLocalPath(attack)).toBe(false);
      expect(safeNextPath(attack)).toBe(DEFAULT_NEXT_PATH);
    },
  );

  it.each(SAFE)("keeps the local path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
    expect(browserResolve(path).host).toBe("groundwork.example");
  });

  it("never yields a Location a browser resolves off-origin", () => {
    for (const attack of ATTACKS) expect(browserResolve(safeNextPath(attack)).host).toBe("groundwork.example");
  });

  it("handles missing and non-string values", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(["/chat"] as unknown as string)).toBe("/");
    expect(safeNextPath("//evil.example", "/lookup")).toBe("/lookup");
  });
});
