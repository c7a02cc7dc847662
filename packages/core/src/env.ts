import type { z } from "zod";

/**
 * What env readers accept: `process.env` or a plain object (tests pass their own; an
 * already-read config with numbers in it parses again unchanged).
 */
export type EnvSource = Readonly<Record<string, unknown>>;

/**
 * "Empty means unset": `.env` templates leave variables as `NAME=`, and a blank value must
 * behave like an absent one (the default applies) rather than fail validation or coerce to 0.
 */
export function unsetIfBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** The variables without the blank ones, for a schema to parse (see `unsetIfBlank`). */
export function withoutBlank(env: EnvSource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && !(typeof v === "string" && unsetIfBlank(v) === undefined)) out[k] = v;
  return out;
}

/**
 * A package's env reader from its zod schema: blank values count as unset, then the schema
 * validates and applies defaults. Each package keeps an `env.ts` that declares its own
 * variables this way and is the only place it reads `process.env`.
 *
 *     const readAuditEnv = defineEnv({ schema: z.object({ GROUNDWORK_AUDIT_RETENTION_DAYS: ... }) });
 *     readAuditEnv();            // process.env
 *     readAuditEnv({ ... });     // tests
 */
export function defineEnv<S extends z.ZodType>({ schema }: { schema: S }): (env?: EnvSource) => z.infer<S> {
  return (env = process.env) => schema.parse(withoutBlank(env));
}

/** The folder the user ran the command in: pnpm runs package scripts in the package folder and passes the caller's as INIT_CWD. */
export function callerDirectory(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.INIT_CWD ?? process.cwd();
}

export type LogLevel = "debug" | "info" | "warn" | "error";
const LOG_LEVELS = new Set<string>(["debug", "info", "warn", "error"]);

/**
 * GROUNDWORK_LOG_LEVEL, read on every call (tests and operators change it at run time); an
 * unknown or blank value means info. A plain read, not a schema: it runs once per log line.
 */
export function logLevelSetting(): LogLevel {
  const v = unsetIfBlank(process.env.GROUNDWORK_LOG_LEVEL);
  return v && LOG_LEVELS.has(v) ? (v as LogLevel) : "info";
}

/** GROUNDWORK_EMBEDDING_DIMENSIONS (default 384); see embedding-dimensions.ts. */
export function embeddingDimensionsSetting(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const raw = unsetIfBlank(env.GROUNDWORK_EMBEDDING_DIMENSIONS);
  const n = raw === undefined ? DEFAULT_EMBEDDING_DIMENSIONS : Number(raw);
  if (!Number.isInteger(n) || n < 8 || n > 16_000)
    throw new Error(`GROUNDWORK_EMBEDDING_DIMENSIONS must be an integer from 8 to 16000 (got ${JSON.stringify(raw)}).`);
  return n;
}

/** The dimension the shipped migrations were generated with (`vector(384)`). */
export const DEFAULT_EMBEDDING_DIMENSIONS = 384;

export type VectorType = "vector" | "halfvec";
export type VectorIndex = "hnsw" | "binary";

/**
 * GROUNDWORK_VECTOR_TYPE (`vector` | `halfvec`, default `vector`) and GROUNDWORK_VECTOR_INDEX
 * (`hnsw` | `binary`, default `hnsw`); see vector-storage.ts. Unknown values fail loudly: a typo
 * would otherwise generate migrations for a layout nobody asked for.
 */
export function vectorStorageSetting(env: Readonly<Record<string, string | undefined>> = process.env): {
  type: VectorType;
  index: VectorIndex;
} {
  const type = unsetIfBlank(env.GROUNDWORK_VECTOR_TYPE) ?? "vector";
  const index = unsetIfBlank(env.GROUNDWORK_VECTOR_INDEX) ?? "hnsw";
  if (type !== "vector" && type !== "halfvec")
    throw new Error(`GROUNDWORK_VECTOR_TYPE must be vector or halfvec (got ${JSON.stringify(type)}).`);
  if (index !== "hnsw" && index !== "binary")
    throw new Error(`GROUNDWORK_VECTOR_INDEX must be hnsw or binary (got ${JSON.stringify(index)}).`);
  return { type, index };
}
