import { randomBytes } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { vi } from "vitest";
import { scopeOf, withReaderScope } from "@groundwork/access/reader-scope";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { createTestDatabase, type TestDatabase, type TestTarget } from "@groundwork/db/testing";
import { documents, ingestionRuns, sources, users, type IngestionRun } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../env";
import { executeRun } from "../run/execute-run";
import { getRun, requestRun } from "../run/runs";
import { resetSecretKeyCache } from "../sources/secret-box";

export type HarnessPerson = { username: string; email?: string; displayName?: string; verified?: boolean };

export type ConnectorRunHarness = {
  t: TestDatabase;
  /** Groundwork user id per username of `people`. */
  userIds: Record<string, string>;
  /** Titles of the active documents of `source` the user may read, sorted: what search reads, under row-level security. */
  readable(args: { username: string; source: string }): Promise<string[]>;
  /** Active documents of `source` (every reader's view together). */
  activeCount(args: { source: string }): Promise<number>;
  /** A run requested and executed in this process (hash embedder), as the worker would; returns the finished run. */
  run(args: { source: string; mode?: "sync" | "acl"; targetIds?: string[] }): Promise<IngestionRun>;
  /** The newest run of any source: status and error. */
  latestRun(): Promise<{ status: string; error: string | null } | undefined>;
  /** Why the source needs re-authorisation (null when it does not). */
  reauthReason(args: { source: string }): Promise<string | null>;
  dispose(): Promise<void>;
};

/**
 * What every connector's run test needs before its vendor server: loopback allowed for
 * connectors, a fresh secret key (source credentials are sealed with it), a test database on
 * `target`, and the Groundwork users whose e-mails the mirrored permissions match (an unverified
 * e-mail matches nobody). Call from `beforeAll`; `dispose` in `afterAll`.
 */
export async function startConnectorRunHarness({
  target,
  people,
}: {
  target: TestTarget;
  people: HarnessPerson[];
}): Promise<ConnectorRunHarness> {
  vi.stubEnv("GROUNDWORK_CONNECTOR_ALLOW_HOSTS", "127.0.0.1");
  vi.stubEnv("GROUNDWORK_SECRET_KEY", randomBytes(32).toString("hex"));
  resetSecretKeyCache();
  const t = await createTestDatabase({ target });
  const userIds: Record<string, string> = {};
  for (const p of people) {
    const [row] = await t.db
      .insert(users)
      .values({
        username: p.username,
        displayName: p.displayName ?? p.username,
        email: p.email ?? `${p.username}@example.com`,
        emailVerified: p.verified ?? true,
      })
      .returning({ id: users.id });
    userIds[p.username] = row!.id;
  }
  const activeOf = (source: string) => and(eq(sources.name, source), eq(documents.status, "active"));
  return {
    t,
    userIds,
    async readable({ username, source }) {
      const principal = await resolvePrincipal({ db: t.db, username });
      const rows = await withReaderScope({
        db: t.db,
        scope: scopeOf(principal),
        fn: (tx) =>
          tx
            .select({ title: documents.title })
            .from(documents)
            .innerJoin(sources, eq(sources.id, documents.sourceId))
            .where(activeOf(source)),
      });
      return rows.map((r) => r.title ?? "").sort();
    },
    async activeCount({ source }) {
      const [row] = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(documents)
        .innerJoin(sources, eq(sources.id, documents.sourceId))
        .where(activeOf(source));
      return row?.n ?? 0;
    },
    async run({ source, mode, targetIds }) {
      const { runId } = await requestRun({
        db: t.db,
        source,
        trigger: targetIds ? "webhook" : "cli",
        ...(mode ? { mode } : {}),
        ...(targetIds ? { targetIds } : {}),
      });
      await executeRun({ db: t.db, runId, embedder: createHashEmbedder(), env: readIngestEnv() });
      return getRun({ db: t.db, runId });
    },
    async latestRun() {
      const [row] = await t.db
        .select({ status: ingestionRuns.status, error: ingestionRuns.error })
        .from(ingestionRuns)
        .orderBy(desc(ingestionRuns.createdAt))
        .limit(1);
      return row;
    },
    async reauthReason({ source }) {
      const [row] = await t.db.select({ reauth: sources.reauthReason }).from(sources).where(eq(sources.name, source));
      return row?.reauth ?? null;
    },
    async dispose() {
      await t.dispose();
      vi.unstubAllEnvs();
    },
  };
}
