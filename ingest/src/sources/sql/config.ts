import { z } from "zod";

export type SqlDialect = "postgres" | "mysql";

const PROTOCOLS: Record<string, SqlDialect> = {
  "postgres:": "postgres",
  "postgresql:": "postgres",
  "mysql:": "mysql",
  "mariadb:": "mysql",
};

/** The dialect a DSN speaks, or null when its scheme is not one we connect to. */
export function dialectOf(url: string): SqlDialect | null {
  try {
    return PROTOCOLS[new URL(url).protocol] ?? null;
  } catch {
    return null;
  }
}

const column = (flag: string, description: string, example: string) =>
  z.string().trim().min(1).meta({ flag, description, example });

export const sqlConfigSchema = z
  .object({
    url: z
      .string()
      .trim()
      .refine((u) => dialectOf(u) !== null && new URL(u).hostname !== "", {
        error:
          "Give the database as postgres://user@host:port/db or mysql://user@host:port/db (mariadb:// also works).",
      })
      // The stored config is plain text: a password left in the DSN would end up there. The CLI and
      // console run splitSqlSecrets first, so reaching this means a caller skipped it.
      .refine((u) => dialectOf(u) === null || new URL(u).password === "", {
        error: "The URL must not hold the password: pass it with --password (splitSqlSecrets moves it there).",
      })
      .meta({
        flag: "--url",
        description: "Database DSN (postgres://, mysql:// or mariadb://). A password in it is moved to --password.",
        example: "postgres://reader@db.internal:5432/crm",
      }),
    password: z.string().min(1).optional().meta({
      secret: true,
      flag: "--password",
      description: "Database password (stored encrypted).",
    }),
    query: z.string().trim().min(1).meta({
      flag: "--query",
      description: "One SELECT (or WITH … SELECT) statement; each result row becomes a document.",
      example: "select id, subject, body, status, updated_at from tickets",
    }),
    idColumn: column("--id-column", "Result column with each row's stable unique id.", "id"),
    titleColumn: column("--title-column", "Result column with the document title.", "subject"),
    textColumn: column(
      "--text-column",
      "Result column with the document body (not needed when --template is given).",
      "body",
    ).optional(),
    template: z.string().min(1).optional().meta({
      flag: "--template",
      description: "Body built from several columns: {{column}} is replaced with that column's value.",
      example: "# {{subject}}\n\n{{body}}\n\nStatus: {{status}}",
    }),
    updatedColumn: z.string().trim().min(1).optional().meta({
      flag: "--updated-column",
      description:
        "Result column that changes whenever a row changes (a timestamp or counter): enables incremental pulls.",
      example: "updated_at",
    }),
    aclColumn: z.string().trim().min(1).optional().meta({
      flag: "--acl-column",
      description:
        "Result column with who may read the row: an array, a JSON array or comma-separated group names or usernames. Empty means the source default.",
      example: "readers",
    }),
  })
  // One of the two makes the body.
  .refine((c) => c.textColumn !== undefined || c.template !== undefined, {
    error: "Give --text-column, or --template to build the body from several columns.",
    path: ["textColumn"],
  });

export type SqlConfig = z.output<typeof sqlConfigSchema>;

/**
 * Takes the password out of a DSN before the settings are validated and stored: an admin may
 * paste `postgres://app:s3cret@db/crm`, but the config is stored in the clear and only `password`
 * goes to the encrypted secrets. Call it on the raw input (CLI flags, console form) before
 * `parseSourceConfig`. An explicit `password` wins over one in the URL; anything that is not a
 * URL is returned untouched for the schema to reject.
 */
export function splitSqlSecrets<T extends Record<string, unknown>>(config: T): T & { password?: string } {
  if (typeof config.url !== "string") return config;
  let url: URL;
  try {
    url = new URL(config.url.trim());
  } catch {
    return config;
  }
  if (!url.password) return config;
  const fromUrl = safeDecode(url.password);
  url.password = "";
  const explicit = typeof config.password === "string" && config.password !== "" ? config.password : undefined;
  return { ...config, url: url.toString(), password: explicit ?? fromUrl };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
