/**
 * Structured JSON logs, one object per line. At info level never log document text, questions
 * or secrets: callers pass ids and counts; `debug` may carry more and is off by default.
 * As a second wall, fields whose names say "secret" or "text" are redacted above debug, as are
 * the bound parameters drizzle puts into error messages; credentials inside URLs are masked at
 * every level.
 */
import { logLevelSetting, type LogLevel } from "./env";

export type { LogLevel };
export type LogFields = Record<string, unknown>;
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const sensitiveKey =
  /^(password|passwd|pass|secret|token|csrf|csrftoken|cookie|set-cookie|authorization|apikey|api_key|question|query|q|prompt|answer|content|text|snippet|body|passage|message_text)$|(password|secret|token|apikey|api_key)$/i;

function threshold(): number {
  return order[logLevelSetting()];
}

/** `scheme://user:pass@host` → `scheme://user:***@host` (database URLs end up in error messages). */
export function maskUrlCredentials(s: string): string {
  return s.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, "$1***@");
}

/**
 * drizzle's "Failed query" errors append the bound parameters — questions, document text,
 * password hashes — so they are cut above debug.
 */
export function dropQueryParams(s: string): string {
  return s.replace(/(\bparams: )[^\n]*/g, "$1[redacted]");
}

// Values known to be secret (decrypted connector credentials): masked wherever they appear, at
// every level, whatever the field is called — a token echoed in a driver's error message too.
const secretValues = new Set<string>();
// Short secrets (3–5 characters, e.g. a test database's password) would mask pieces of ordinary
// words if replaced everywhere, so they are masked only where they stand alone: between
// non-word characters (`password=abc1@`, `"abc1"`, `:abc1@host`).
const shortSecretValues = new Set<string>();
let shortSecretPattern: RegExp | null = null;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Registers values that must never be written to a log (under 3 characters they cannot be told from text). */
export function registerSecretValues(values: Iterable<string>): void {
  for (const v of values) {
    if (typeof v !== "string" || v.length < 3) continue;
    if (v.length >= 6) secretValues.add(v);
    else if (!shortSecretValues.has(v)) {
      shortSecretValues.add(v);
      shortSecretPattern = null;
    }
  }
}

/** `s` with every registered secret value replaced by `[redacted]`. */
export function maskSecretValues(s: string): string {
  let out = s;
  for (const v of secretValues) if (out.includes(v)) out = out.split(v).join("[redacted]");
  if (shortSecretValues.size > 0) {
    shortSecretPattern ??= new RegExp(
      `(?<![\\p{L}\\p{N}_])(?:${[...shortSecretValues]
        .sort((a, b) => b.length - a.length)
        .map(escapeRegExp)
        .join("|")})(?![\\p{L}\\p{N}_])`,
      "gu",
    );
    out = out.replace(shortSecretPattern, "[redacted]");
  }
  return out;
}

function scrubString(s: string, level: LogLevel): string {
  const masked = maskSecretValues(maskUrlCredentials(s));
  return level === "debug" ? masked : dropQueryParams(masked);
}

function scrub(value: unknown, level: LogLevel, depth: number): unknown {
  if (typeof value === "string") return scrubString(value, level);
  if (!value || typeof value !== "object" || depth > 4) return value;
  if (value instanceof Error) return scrubString(value.message, level);
  if (Array.isArray(value)) return value.map((v) => scrub(v, level, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      level !== "debug" && sensitiveKey.test(k) && v !== null && v !== undefined
        ? "[redacted]"
        : scrub(v, level, depth + 1);
  }
  return out;
}

/** Builds the line without writing it; exported for tests of the redaction rules. */
export function formatLogLine(level: LogLevel, msg: string, fields: LogFields = {}): string {
  const safe = scrub(fields, level, 0) as LogFields;
  return JSON.stringify({ ts: new Date().toISOString(), level, msg: maskSecretValues(msg), ...safe });
}

function emit(level: LogLevel, msg: string, fields: LogFields = {}): void {
  if (order[level] < threshold()) return;
  const line = formatLogLine(level, msg, fields);
  if (level === "error" || level === "warn") process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
}

export type Logger = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `base` (e.g. `{ requestId }`) to every line. */
  child(base: LogFields): Logger;
};

function makeLogger(base: LogFields): Logger {
  return {
    debug: (msg, fields) => emit("debug", msg, { ...base, ...fields }),
    info: (msg, fields) => emit("info", msg, { ...base, ...fields }),
    warn: (msg, fields) => emit("warn", msg, { ...base, ...fields }),
    error: (msg, fields) => emit("error", msg, { ...base, ...fields }),
    child: (more) => makeLogger({ ...base, ...more }),
  };
}

export const log: Logger = makeLogger({});
