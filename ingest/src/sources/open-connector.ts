import { listUserIds } from "@groundwork/auth";
import { log } from "@groundwork/core/logger";
import type { Database } from "@groundwork/db/client";
import type { Source as SourceRow } from "@groundwork/db/schema";
import type { Existing } from "../plan/load-existing";
import type { Connector, ConnectorContext } from "./connector";
import { connectorFor } from "./connectors";
import { createIdentities } from "./create-identities";
import { createNetworkGuard } from "./network-guard";
import { openSecrets } from "./secret-box";

export type OpenConnector = {
  connector: Connector<Record<string, unknown>>;
  config: Record<string, unknown>;
  ctx: ConnectorContext;
};

/**
 * The connector behind a sources row, ready to pull: its config validated by its schema (a row
 * edited by hand, or from an older schema, fails here with the field named), its secrets
 * decrypted (and registered with the logger's mask), and what the store remembers of each item.
 */
export async function openConnector({
  db,
  row,
  existing,
  signal,
  secrets: given,
  targetIds = null,
}: {
  db: Database;
  row: SourceRow;
  existing: Map<string, Existing>;
  signal: AbortSignal;
  /** Secrets not yet stored (testing settings before they are saved); default: the row's, decrypted. */
  secrets?: Record<string, string>;
  /** A targeted run's ids (a change notification). */
  targetIds?: string[] | null;
}): Promise<OpenConnector> {
  const connector = connectorFor(row.kind);
  const secrets = given ?? openSecrets({ sourceId: row.id, sealed: row.secrets });
  const parsed = connector.configSchema.safeParse({ ...row.config, ...secrets });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Source ${row.name} has an invalid setting ${issue.path.join(".") || ""}: ${issue.message}`);
  }
  const ctx: ConnectorContext = {
    sourceId: row.id,
    sourceName: row.name,
    secrets,
    defaultAcl: row.defaultAcl,
    userIds: await listUserIds({ db }),
    previous: (id) => {
      const e = existing.get(id);
      if (!e) return undefined;
      return {
        version: typeof e.metadata.sourceVersion === "string" ? e.metadata.sourceVersion : null,
        sourceMeta: (e.metadata.source ?? {}) as Record<string, unknown>,
      };
    },
    storedIds: () => [...existing].filter(([, e]) => e.status === "active").map(([id]) => id),
    guard: createNetworkGuard(),
    identities: createIdentities({
      db,
      sourceId: row.id,
      sourceName: row.name,
      config: parsed.data,
    }),
    targetIds,
    signal,
    log: (message, fields) => log.info(`[${row.kind}:${row.name}] ${message}`, fields ?? {}),
    ...(row.kind === "push" ? { db } : {}),
  };
  return { connector, config: parsed.data, ctx };
}
