import { z } from "zod";
import { describe, expect, it } from "vitest";
import { isGroundworkError } from "@groundwork/core/errors";
import type { Connector } from "./connector";
import { describeConfig, parseSourceConfig } from "./connector-config";
import { folderConnector } from "./folder";

const schema = z.object({
  baseUrl: z.string().url().meta({ description: "Where the API lives", example: "https://api.example.com" }),
  maxPages: z.number().int().min(1).default(100).meta({ flag: "--pages", description: "Pages per run" }),
  includePaths: z.array(z.string()).optional().meta({ description: "Path prefixes to include" }),
  mode: z.enum(["full", "incremental"]).default("incremental"),
  followLinks: z.boolean().optional(),
  apiToken: z.string().min(8).meta({ secret: true, description: "API token" }),
  webhookSecret: z.string().optional().meta({ secret: true }),
});

const connector = {
  kind: "web",
  label: "Test API",
  configSchema: schema,
  check: async () => undefined,
  pull: async function* () {},
  listIds: async () => null,
} as unknown as Connector<Record<string, unknown>>;

const thrown = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw");
};

describe("describeConfig", () => {
  it("describes the folder connector: one required path flag", () => {
    expect(describeConfig(folderConnector as Connector<unknown>)).toEqual([
      {
        name: "path",
        flag: "--path",
        type: "string",
        required: true,
        secret: false,
        description: "Directory on the server, inside GROUNDWORK_SOURCE_ROOTS",
        example: "/srv/policies",
      },
    ]);
  });

  it("derives flags, types, required and secret from optional, default, list, enum and secret fields", () => {
    const byName = Object.fromEntries(describeConfig(connector).map((f) => [f.name, f]));
    expect(Object.keys(byName).sort()).toEqual(
      ["apiToken", "baseUrl", "followLinks", "includePaths", "maxPages", "mode", "webhookSecret"].sort(),
    );
    expect(byName.baseUrl).toMatchObject({
      flag: "--base-url",
      type: "string",
      required: true,
      secret: false,
      description: "Where the API lives",
      example: "https://api.example.com",
    });
    expect(byName.maxPages).toMatchObject({ flag: "--pages", type: "integer", required: false, default: 100 });
    expect(byName.includePaths).toMatchObject({ flag: "--include-paths", type: "list", required: false });
    expect(byName.mode).toMatchObject({
      flag: "--mode",
      type: "enum",
      required: false,
      default: "incremental",
      options: ["full", "incremental"],
    });
    expect(byName.followLinks).toMatchObject({ flag: "--follow-links", type: "boolean", required: false });
    expect(byName.apiToken).toMatchObject({ flag: "--api-token", type: "string", required: true, secret: true });
    expect(byName.webhookSecret).toMatchObject({ type: "string", required: false, secret: true });
    for (const name of ["baseUrl", "maxPages", "includePaths", "mode", "followLinks"])
      expect(byName[name]!.secret).toBe(false);
  });
});

describe("parseSourceConfig", () => {
  const base = { baseUrl: "https://api.example.com", apiToken: "token-123456" };

  it("splits secrets from config and fills defaults", () => {
    expect(parseSourceConfig({ connector, input: { ...base, includePaths: ["/docs"] } })).toEqual({
      config: { baseUrl: "https://api.example.com", maxPages: 100, mode: "incremental", includePaths: ["/docs"] },
      secrets: { apiToken: "token-123456" },
    });
  });

  it("keeps a stored secret an edit leaves out, and clears one set to an empty string", () => {
    const stored = { apiToken: "stored-token-1", webhookSecret: "stored-hook-1" };
    const kept = parseSourceConfig({
      connector,
      input: { baseUrl: "https://api.example.com", maxPages: 5 },
      storedSecrets: stored,
    });
    expect(kept.secrets).toEqual(stored);
    expect(kept.config).toMatchObject({ maxPages: 5 });
    const cleared = parseSourceConfig({
      connector,
      input: { baseUrl: "https://api.example.com", webhookSecret: "" },
      storedSecrets: stored,
    });
    expect(cleared.secrets).toEqual({ apiToken: "stored-token-1" });
    const replaced = parseSourceConfig({
      connector,
      input: { baseUrl: "https://api.example.com", apiToken: "new-token-999" },
      storedSecrets: stored,
    });
    expect(replaced.secrets).toEqual({ apiToken: "new-token-999", webhookSecret: "stored-hook-1" });
  });

  it("names the field and its flag when a value is invalid or missing", () => {
    const bad = thrown(() => parseSourceConfig({ connector, input: { ...base, maxPages: 0 } }));
    expect(isGroundworkError(bad) && bad.code).toBe("bad_request");
    expect(bad.message).toMatch(/^Invalid maxPages \(--pages\): /);
    const missing = thrown(() => parseSourceConfig({ connector, input: { baseUrl: "https://api.example.com" } }));
    expect(missing.message).toMatch(/^Invalid apiToken \(--api-token\): /);
    // Clearing a required secret is a missing secret, not a silent success.
    const clearedRequired = thrown(() =>
      parseSourceConfig({ connector, input: { ...base, apiToken: "" }, storedSecrets: { apiToken: "stored-token" } }),
    );
    expect(clearedRequired.message).toMatch(/apiToken \(--api-token\)/);
  });

  it("never echoes a secret's value in a validation error", () => {
    const error = thrown(() => parseSourceConfig({ connector, input: { ...base, apiToken: "short" } }));
    expect(error.message).toMatch(/apiToken/);
    expect(error.message).not.toContain("short");
  });

  it("refuses unknown settings by name", () => {
    const one = thrown(() => parseSourceConfig({ connector, input: { ...base, maxPagez: 3 } }));
    expect(isGroundworkError(one) && one.code).toBe("bad_request");
    expect(one.message).toBe("Unknown setting: maxPagez.");
    const two = thrown(() => parseSourceConfig({ connector, input: { ...base, a: 1, b: 2 } }));
    expect(two.message).toBe("Unknown settings: a, b.");
  });
});
