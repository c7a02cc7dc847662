import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs, userPath } from "./cli-args";
import { callerDirectory } from "./env";

describe("parseArgs", () => {
  it("reads --name value, --name=value, bare flags and positionals; skips --", () => {
    const { flags, positionals } = parseArgs(["scifact", "--limit", "10", "--out=a.json", "--verbose", "--", "extra"]);
    expect(Object.fromEntries(flags)).toEqual({ limit: "10", out: "a.json", verbose: true });
    expect(positionals).toEqual(["scifact", "extra"]);
  });

  it("a flag followed by another flag is a bare flag", () => {
    expect(Object.fromEntries(parseArgs(["--json", "--limit", "5"]).flags)).toEqual({ json: true, limit: "5" });
  });
});

describe("userPath", () => {
  it("resolves against the caller's folder (INIT_CWD), else the cwd", () => {
    expect(callerDirectory({ INIT_CWD: "/home/me" })).toBe("/home/me");
    expect(callerDirectory({})).toBe(process.cwd());
    expect(userPath("/abs/file")).toBe("/abs/file");
    expect(path.isAbsolute(userPath("rel"))).toBe(true);
  });
});
