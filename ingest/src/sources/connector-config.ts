import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import type { Connector } from "./connector";

/**
 * A list setting: the CLI hands a list flag over as one string (`--include "docs/**,*.md"`), the
 * console and the API send arrays; both arrive as an array of non-empty strings.
 */
export const listSetting = z.preprocess(
  (value) =>
    typeof value === "string"
      ? value
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : value,
  z.array(z.string().min(1)),
);

/**
 * One config field of a connector, derived from its zod schema (through JSON Schema, so what
 * the form shows is what the schema validates): the CLI flag, the console's input, whether it
 * is a secret (stored encrypted, never sent back).
 */
export type ConfigField = {
  name: string;
  flag: string;
  type: "string" | "number" | "integer" | "boolean" | "list" | "enum";
  required: boolean;
  secret: boolean;
  description?: string;
  example?: string;
  default?: unknown;
  options?: string[];
};

type JsonProp = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonProp[];
  default?: unknown;
  description?: string;
  flag?: string;
  secret?: boolean;
  example?: unknown;
  items?: unknown;
};

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function fieldType(p: JsonProp): ConfigField["type"] {
  if (p.enum) return "enum";
  const t = Array.isArray(p.type) ? p.type.find((x) => x !== "null") : p.type;
  if (t === "array") return "list";
  if (t === "number" || t === "integer" || t === "boolean") return t;
  const inner = p.anyOf?.find((a) => a.type && a.type !== "null");
  return inner ? fieldType(inner) : "string";
}

const described = new WeakMap<object, ConfigField[]>();

export function describeConfig(connector: Pick<Connector<unknown>, "configSchema">): ConfigField[] {
  const hit = described.get(connector.configSchema);
  if (hit) return hit;
  const json = z.toJSONSchema(connector.configSchema, { io: "input", unrepresentable: "any" }) as {
    properties?: Record<string, JsonProp>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  const fields = Object.entries(json.properties ?? {}).map(([name, p]): ConfigField => {
    const type = fieldType(p);
    return {
      name,
      flag: p.flag ?? `--${kebab(name)}`,
      type,
      required: required.has(name) && p.default === undefined,
      secret: p.secret === true,
      ...(p.description ? { description: p.description } : {}),
      ...(typeof p.example === "string" || typeof p.example === "number" ? { example: String(p.example) } : {}),
      ...(p.default !== undefined ? { default: p.default } : {}),
      ...(type === "enum" ? { options: (p.enum ?? []).map(String) } : {}),
    };
  });
  described.set(connector.configSchema, fields);
  return fields;
}

/**
 * Validates a source's settings against its connector's schema and splits them: `config` is
 * stored in the clear, `secrets` encrypted. A secret left out of an edit keeps its stored value
 * (the browser never has it to send back); an empty string clears it.
 */
export function parseSourceConfig<C>({
  connector,
  input,
  storedSecrets = {},
}: {
  connector: Connector<C>;
  input: Record<string, unknown>;
  storedSecrets?: Record<string, string>;
}): { config: Record<string, unknown>; secrets: Record<string, string> } {
  input = connector.liftSecrets ? connector.liftSecrets(input) : input;
  const fields = describeConfig(connector);
  const secretNames = new Set(fields.filter((f) => f.secret).map((f) => f.name));
  const known = new Set(fields.map((f) => f.name));
  const unknown = Object.keys(input).filter((k) => !known.has(k) && input[k] !== undefined);
  if (unknown.length)
    throw new GroundworkError("bad_request", `Unknown setting${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}.`);
  const merged: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(storedSecrets)) if (secretNames.has(k)) merged[k] = v;
  for (const [k, v] of Object.entries(input)) {
    if (v === undefined || v === null) continue;
    if (secretNames.has(k) && v === "") delete merged[k];
    else if (v === "" && !secretNames.has(k)) continue;
    else merged[k] = v;
  }
  const parsed = connector.configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = fields.find((f) => f.name === issue.path[0]);
    const label = field ? `${field.name} (${field.flag})` : "settings";
    throw new GroundworkError("bad_request", `Invalid ${label}: ${issue.message}`);
  }
  const config: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed.data as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (secretNames.has(k)) secrets[k] = typeof v === "string" ? v : JSON.stringify(v);
    else config[k] = v;
  }
  return { config, secrets };
}
