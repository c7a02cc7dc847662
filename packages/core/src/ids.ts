import { createHash, randomBytes, randomUUID } from "node:crypto";

/**
 * Ids and secrets, generated one way everywhere. Row ids come from Postgres
 * (`gen_random_uuid()` defaults in the schema); these are for ids made in the process.
 */

/** A random UUID: request ids, test principals. */
export function newId(): string {
  return randomUUID();
}

/** A short random hex suffix that keeps names unique (`beir-1a2b3c4d`, worker ids), not a secret. */
export function shortId({ length = 8 }: { length?: number } = {}): string {
  return randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

/** An unguessable URL-safe secret of `bytes` random bytes (session tokens 32, CSRF tokens 24). */
export function randomToken({ bytes }: { bytes: number }): string {
  return randomBytes(bytes).toString("base64url");
}

/** Hex SHA-256: content hashes, and how a session token is stored (its digest, never the token). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a UUID, checked before a `::uuid` cast so a malformed id reads as "not found", not a cast error. */
export function isUuid(text: string): boolean {
  return UUID_PATTERN.test(text);
}

/**
 * Rows by id in one read, as a map from id to the rest of the row: the ids deduplicated, those
 * that are not uuids dropped (they can match no row, and a malformed one would fail the query),
 * and no read at all when none is left. For pages that show ids stored elsewhere (the audit log):
 * an id absent from the map is gone.
 */
export async function mapByIds<Row extends { id: string }>({
  ids,
  read,
}: {
  ids: Iterable<string>;
  read: (ids: string[]) => Promise<Row[]>;
}): Promise<Map<string, Omit<Row, "id">>> {
  const wanted = [...new Set(ids)].filter(isUuid);
  if (!wanted.length) return new Map();
  const rows = await read(wanted);
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}
