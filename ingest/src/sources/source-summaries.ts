import { desc, eq, sql } from "drizzle-orm";
import { maskSecretValues, registerSecretValues } from "@groundwork/core/logger";
import type { Database } from "@groundwork/db/client";
import { ingestionRuns, sources } from "@groundwork/db/schema";
import type { SourceKind } from "./connector";
import { describeConfig, parseSourceConfig, type ConfigField } from "./connector-config";
import { openSecrets } from "./secret-box";
import { connectorFor, connectorKinds } from "./connectors";
import { findSource, listSources, type SourceView } from "./manage-sources";
import { openConnector } from "./open-connector";
import { loadExisting } from "../plan/load-existing";

type RunBrief = {
  id: string;
  status: string;
  trigger: string;
  mode: string;
  counts: Record<string, number>;
  error: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** A source as the console's card and `sources list --json` show it. */
export type SourceSummary = {
  id: string;
  name: string;
  kind: string;
  label: string;
  config: Record<string, unknown>;
  secretFields: string[];
  defaultAcl: string[];
  schedule: string | null;
  pruneSchedule: string | null;
  paused: boolean;
  nextRunAt: Date | null;
  lastPrunedAt: Date | null;
  failureStreak: number;
  documents: number;
  lastRun: RunBrief | null;
  lastSuccessAt: Date | null;
  createdAt: Date;
};

/** Every source with its document count, last run and last success (three grouped queries, not one per source). */
export async function listSourceSummaries({ db }: { db: Database }): Promise<SourceSummary[]> {
  const rows = await listSources({ db });
  const counts = await db.execute<{ source_id: string; n: number }>(
    sql`select source_id, count(*)::int as n from documents where status = 'active' group by source_id`,
  );
  const last = await db
    .selectDistinctOn([ingestionRuns.sourceId])
    .from(ingestionRuns)
    .orderBy(ingestionRuns.sourceId, desc(ingestionRuns.createdAt));
  const success = await db.execute<{ source_id: string; at: Date | string }>(
    sql`select source_id, max(finished_at) as at from ingestion_runs where status in ('succeeded', 'partial') group by source_id`,
  );
  const n = new Map(counts.rows.map((r) => [r.source_id, Number(r.n)]));
  const lastBy = new Map(last.map((r) => [r.sourceId, r]));
  const okBy = new Map(success.rows.map((r) => [r.source_id, r.at ? new Date(r.at) : null]));
  return rows.map((s) => summarise({ s, documents: n.get(s.id) ?? 0, run: lastBy.get(s.id), ok: okBy.get(s.id) }));
}

function summarise({
  s,
  documents,
  run,
  ok,
}: {
  s: SourceView;
  documents: number;
  run: typeof ingestionRuns.$inferSelect | undefined;
  ok: Date | null | undefined;
}): SourceSummary {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    label: connectorFor(s.kind).label,
    config: s.config,
    secretFields: s.secretFields,
    defaultAcl: s.defaultAcl,
    schedule: s.schedule,
    pruneSchedule: s.pruneSchedule,
    paused: s.paused,
    nextRunAt: s.schedule && !s.paused ? s.nextRunAt : null,
    lastPrunedAt: s.lastPrunedAt,
    failureStreak: s.failureStreak,
    documents,
    lastRun: run
      ? {
          id: run.id,
          status: run.status,
          trigger: run.trigger,
          mode: run.mode,
          counts: run.counts,
          error: run.error,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
        }
      : null,
    lastSuccessAt: ok ?? null,
    createdAt: s.createdAt,
  };
}

/** The kinds an admin can add, with the fields of each kind's form (no values: secrets have none to show). */
export function listConnectorKinds(): { kind: string; label: string; fields: ConfigField[] }[] {
  return connectorKinds().map((kind) => {
    const c = connectorFor(kind);
    return { kind, label: c.label, fields: describeConfig(c) };
  });
}

/**
 * "Test connection": the connector's `check()` with the stored config and secrets. Resolves
 * `{ ok: true }` or `{ ok: false, error }` with the connector's reason (never a secret: the
 * logger's mask and the connectors' own scrubbing keep them out).
 */
export async function checkSource({
  db,
  source,
}: {
  db: Database;
  source: string;
}): Promise<{ ok: boolean; error?: string }> {
  const view = await findSource({ db, source });
  const [row] = await db.select().from(sources).where(eq(sources.id, view.id));
  const open = await openConnector({
    db,
    row: row!,
    existing: await loadExisting({ db, sourceId: view.id }),
    signal: AbortSignal.timeout(60_000),
  });
  try {
    await open.connector.check({ config: open.config, ctx: open.ctx });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: maskSecretValues((error as Error).message) };
  }
}

/**
 * "Test connection" before saving: the kind's `check()` on settings typed into the form (an
 * edit's omitted secrets come from the stored source). Nothing is stored.
 */
export async function checkSourceConfig({
  db,
  kind,
  config: input,
  source,
}: {
  db: Database;
  kind: string;
  config: Record<string, unknown>;
  /** When editing: the stored source, whose secrets fill in the ones the form left blank. */
  source?: string;
}): Promise<{ ok: boolean; error?: string }> {
  const connector = connectorFor(kind);
  const stored = source ? await findSource({ db, source }) : null;
  const [row] = stored ? await db.select().from(sources).where(eq(sources.id, stored.id)) : [];
  const storedSecrets = row ? openSecrets({ sourceId: row.id, sealed: row.secrets }) : {};
  try {
    const { config, secrets } = parseSourceConfig({ connector, input, storedSecrets });
    registerSecretValues(Object.values(secrets));
    const open = await openConnector({
      db,
      row: {
        ...(row ?? placeholderRow(kind)),
        kind: kind as SourceKind,
        config,
        secrets: null,
      },
      existing: new Map(),
      signal: AbortSignal.timeout(60_000),
      secrets,
    });
    await open.connector.check({ config: open.config, ctx: open.ctx });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: maskSecretValues((error as Error).message) };
  }
}

function placeholderRow(kind: string): typeof sources.$inferSelect {
  const now = new Date();
  return {
    id: "00000000-0000-4000-8000-000000000000",
    name: "(new source)",
    kind: kind as SourceKind,
    config: {},
    secrets: null,
    webhookSecret: null,
    defaultAcl: [],
    schedule: null,
    pruneSchedule: null,
    paused: false,
    checkpoint: null,
    nextRunAt: null,
    lastPrunedAt: null,
    permissionSchedule: null,
    lastPermissionSyncAt: null,
    reauthReason: null,
    reauthSince: null,
    pendingChanges: null,
    notificationRegistration: null,
    failureStreak: 0,
    createdAt: now,
    updatedAt: now,
  };
}
