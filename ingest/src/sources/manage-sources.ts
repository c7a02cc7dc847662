import fs from "node:fs";
import path from "node:path";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { normalizeAcl } from "@groundwork/access/acl";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { isUuid, newId } from "@groundwork/core/ids";
import { isUniqueViolation } from "@groundwork/core/pg-errors";
import { documents, ingestionRuns, sources, type Source } from "@groundwork/db/schema";
import type { SourceKind } from "./connector";
import { describeConfig, parseSourceConfig } from "./connector-config";
import { connectorFor } from "./connectors";
import { openSecrets, sealSecrets } from "./secret-box";
import { confineSourcePath, defaultUploadsDir } from "./source-roots";
import { parseSchedule } from "../run/schedule-state";
import { deleteSourceDocuments } from "../store/delete-source-documents";

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export type { SourceKind } from "./connector";

/**
 * A source as every caller outside the run loop sees it: the encrypted secrets column never
 * leaves this module; `secretFields` says which secrets are set, so a form can show "set".
 */
export type SourceView = Omit<Source, "secrets" | "webhookSecret"> & { secretFields: string[] };

function view(row: Source): SourceView {
  const { secrets, webhookSecret: _webhookSecret, ...rest } = row;
  let secretFields: string[] = [];
  if (secrets) {
    try {
      secretFields = Object.keys(openSecrets({ sourceId: row.id, sealed: secrets })).sort();
    } catch {
      secretFields = [];
    }
  }
  return { ...rest, secretFields };
}

/** The directory a folder or upload source reads. */
export function sourceRoot(source: Pick<Source, "config">): string {
  const p = source.config.path;
  if (typeof p !== "string" || !p) throw new GroundworkError("internal", "Source has no directory configured.");
  // Checked on every use, not only at creation: rows made before the roots were configured
  // (or with other roots) must not keep reading or writing outside them.
  return confineSourcePath({ dir: p });
}

const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;

function checkedSchedule(text: string | null | undefined): string | null {
  if (text === undefined || text === null || text.trim() === "") return null;
  return parseSchedule(text).text;
}

/** A folder must exist; an upload source's directory is made (checked before and after, so a planted link cannot redirect it). */
function directoryConfig({ kind, name, dir }: { kind: SourceKind; name: string; dir: string | undefined }): string {
  if (kind === "folder") {
    if (!dir) throw new GroundworkError("bad_request", "A folder source needs a path.");
    const root = confineSourcePath({ dir });
    if (!fs.existsSync(root) || !fs.statSync(root).isDirectory())
      throw new GroundworkError("bad_request", `Folder ${root} does not exist or is not a directory.`);
    return root;
  }
  const wanted = confineSourcePath({ dir: dir ?? path.join(defaultUploadsDir(), name) });
  fs.mkdirSync(wanted, { recursive: true });
  return confineSourcePath({ dir: wanted });
}

export async function createSource({
  db,
  name,
  kind,
  path: dir,
  config: input = {},
  defaultAcl = [],
  schedule,
  pruneSchedule,
}: {
  db: Database;
  name: string;
  kind: SourceKind;
  /** Shorthand for `config.path` of folder and upload sources. */
  path?: string;
  /** The connector's settings, secrets included (they are split out and encrypted). */
  config?: Record<string, unknown>;
  defaultAcl?: string[];
  schedule?: string | null;
  pruneSchedule?: string | null;
}): Promise<SourceView> {
  if (!NAME.test(name)) {
    throw new GroundworkError(
      "bad_request",
      "A source name is 1–63 lowercase letters, digits, '-' or '_', starting with a letter or digit.",
    );
  }
  const connector = connectorFor(kind);
  const raw = { ...input, ...(dir !== undefined ? { path: dir } : {}) };
  if (kind === "folder" || kind === "upload")
    raw.path = directoryConfig({ kind, name, dir: typeof raw.path === "string" ? raw.path : undefined });
  const { config, secrets } = parseSourceConfig({ connector, input: raw });
  const id = newId();
  // No schedule given: the kind's default (a web site daily); null: manual runs only.
  const every =
    schedule === undefined && connector.defaultEverySeconds
      ? `${Math.max(1, Math.round(connector.defaultEverySeconds / 60))}m`
      : checkedSchedule(schedule);
  try {
    const [row] = await db
      .insert(sources)
      .values({
        id,
        name,
        kind,
        config,
        secrets: sealSecrets({ sourceId: id, secrets }),
        defaultAcl: normalizeAcl(defaultAcl),
        schedule: every ? checkedSchedule(every) : null,
        pruneSchedule: checkedSchedule(pruneSchedule),
      })
      .returning();
    return view(row!);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new GroundworkError("conflict", `A source named ${name} already exists.`, { cause: error });
    }
    throw error;
  }
}

export async function listSources({ db }: { db: Database }): Promise<SourceView[]> {
  return (await db.select().from(sources).orderBy(sources.name)).map(view);
}

async function findRow({ db, source }: { db: Database; source: string }): Promise<Source> {
  const where = isUuid(source) ? or(eq(sources.id, source), eq(sources.name, source)) : eq(sources.name, source);
  const [row] = await db.select().from(sources).where(where).limit(1);
  if (!row) throw new GroundworkError("not_found", `No source named ${source}.`);
  return row;
}

export async function findSource({ db, source }: { db: Database; source: string }): Promise<SourceView> {
  return view(await findRow({ db, source }));
}

/**
 * Edits a source: settings (validated by its connector; a secret left out keeps its value, an
 * empty one clears it), default ACL, schedule, pause. A changed default ACL is applied by the
 * next run, or at once by an `acl` run (requestRun with mode "acl"): no content is re-read.
 */
export async function updateSource({
  db,
  source,
  config: input,
  defaultAcl,
  schedule,
  pruneSchedule,
  paused,
}: {
  db: Database;
  source: string;
  config?: Record<string, unknown>;
  defaultAcl?: string[];
  schedule?: string | null;
  pruneSchedule?: string | null;
  paused?: boolean;
}): Promise<SourceView> {
  const row = await findRow({ db, source });
  const set: Partial<typeof sources.$inferInsert> = {};
  if (input) {
    const connector = connectorFor(row.kind);
    const raw = { ...row.config, ...input };
    if ((row.kind === "folder" || row.kind === "upload") && input.path !== undefined)
      raw.path = directoryConfig({
        kind: row.kind,
        name: row.name,
        dir: typeof input.path === "string" ? input.path : undefined,
      });
    const stored = openSecrets({ sourceId: row.id, sealed: row.secrets });
    const secretNames = new Set(
      describeConfig(connector)
        .filter((f) => f.secret)
        .map((f) => f.name),
    );
    for (const k of secretNames) if (!(k in input)) delete raw[k];
    const { config, secrets } = parseSourceConfig({ connector, input: raw, storedSecrets: stored });
    set.config = config;
    set.secrets = sealSecrets({ sourceId: row.id, secrets });
    // Where the source is read from changed: the old checkpoint means nothing there.
    // Compared key-sorted: jsonb hands keys back in its own order, so a plain stringify would see
    // a secret-only edit (or a re-save) as moved settings and throw the checkpoint away.
    if (JSON.stringify(canonical(config)) !== JSON.stringify(canonical(row.config))) set.checkpoint = null;
  }
  if (defaultAcl !== undefined) set.defaultAcl = normalizeAcl(defaultAcl);
  if (schedule !== undefined) {
    set.schedule = checkedSchedule(schedule);
    set.nextRunAt = null;
  }
  if (pruneSchedule !== undefined) set.pruneSchedule = checkedSchedule(pruneSchedule);
  if (paused !== undefined) set.paused = paused;
  if (Object.keys(set).length === 0) return view(row);
  const [updated] = await db
    .update(sources)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(sources.id, row.id))
    .returning();
  return view(updated!);
}

export async function updateSourceAcl({
  db,
  source,
  defaultAcl,
}: {
  db: Database;
  source: string;
  defaultAcl: string[];
}): Promise<SourceView> {
  return updateSource({ db, source, defaultAcl });
}

/** The decrypted secrets of a source, for `check()` and runs only (never returned to a caller's client). */
export async function sourceSecrets({ db, source }: { db: Database; source: string }): Promise<Record<string, string>> {
  const row = await findRow({ db, source });
  return openSecrets({ sourceId: row.id, sealed: row.secrets });
}

/**
 * Deletes a source: its documents leave search in the same transaction as the row goes (chunks,
 * stats and files cascade), so no search can see a half-deleted source. A source with a running
 * run is refused (409): cancel the run first. A queued run goes with the source.
 *
 * The source row and its queued/running runs are locked first: a worker claiming a queued run at
 * the same moment (claimRun's UPDATE) either commits first — then the re-checked row is `running`
 * and the delete is refused — or waits for this transaction and then finds no run to claim. Either
 * way no worker writes documents for a source that is gone (which would be a foreign-key error).
 */
export async function deleteSource({ db, source }: { db: Database; source: string }): Promise<{ documents: number }> {
  const row = await findRow({ db, source });
  return db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: sources.id }).from(sources).where(eq(sources.id, row.id)).for("update");
    if (!locked) throw new GroundworkError("not_found", `No source named ${row.name}.`);
    const runs = await tx
      .select({ id: ingestionRuns.id, status: ingestionRuns.status })
      .from(ingestionRuns)
      .where(and(eq(ingestionRuns.sourceId, row.id), inArray(ingestionRuns.status, ["queued", "running"])))
      .for("update");
    const active = runs.find((r) => r.status === "running");
    if (active)
      throw new GroundworkError("conflict", `Source ${row.name} has a running run ${active.id}; cancel it first.`, {
        details: { activeRunId: active.id },
      });
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(documents)
      .where(and(eq(documents.sourceId, row.id), eq(documents.status, "active")));
    await deleteSourceDocuments({ tx, sourceId: row.id });
    await tx.delete(sources).where(eq(sources.id, row.id));
    return { documents: n };
  });
}
