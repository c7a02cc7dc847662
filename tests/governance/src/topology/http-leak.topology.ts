import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSse as readSseFrames } from "@groundwork/assistant/events";
import { openDatabase, type DbHandle } from "@groundwork/db/client";
import { readDbEnv } from "@groundwork/db/env";
import { documents } from "@groundwork/db/schema";
import { ingestFolder } from "@groundwork/ingest/testing";
import { readTopologyEnv, topologyLayout } from "@groundwork/topology";
import { DEMO_PASSWORD } from "@groundwork/auth/seed";
import { PERSONAS, type Persona } from "../harness/app-harness";
import { writeTree } from "../harness/ingest-folder";
import { LEAK_PERSONAS, canariesIn, expectOnlyAllowed, mayRead, type Canary } from "../harness/leak-probes";

/**
 * The leak suite's promise over real HTTP on the topology: every persona signs in through the
 * round-robin proxy and searches and asks for each group's canary; no canary's token, tag, title
 * or document id reaches a persona who may not read it, while its readers (and everyone, for the
 * public control) do receive theirs. The requests are spread over both web processes (the proxy
 * names the one that answered) and their reads go through PgBouncer to the streaming standby.
 */
const layout = topologyLayout(readTopologyEnv());
const BASE = layout.proxyUrl;
// Tokens of this run only: a reused topology still holds earlier runs' canaries.
const RUN = Date.now().toString(36).toUpperCase();
const GROUPS = ["hr", "legal", "exec"] as const;
type Group = (typeof GROUPS)[number];
const CANARY = Object.fromEntries(GROUPS.map((g) => [g, `QZXHTTP${g.toUpperCase()}${RUN}`])) as Record<Group, string>;
const TAG = (g: Group) => `qzxhttptag-${g}-${RUN.toLowerCase()}`;
const PUBLIC_TOKEN = `QZXHTTPPUBLIC${RUN}`;

let handle: DbHandle;
let standby: pg.Client;
let dir: string;
const docIds = new Map<Group | "public", string>();
let canaries: Canary[];
const sessions = new Map<Persona, { cookie: string; csrfToken: string } | null>();
const upstreams = new Set<string>();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function send({ path, persona, body }: { path: string; persona: Persona; body: unknown }) {
  const session = sessions.get(persona);
  const res = await fetch(`${BASE}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: BASE,
      ...(session ? { cookie: session.cookie, "x-csrf-token": session.csrfToken } : {}),
    },
    body: JSON.stringify(body),
  });
  upstreams.add(res.headers.get("x-groundwork-upstream") ?? "none");
  return res;
}

async function signIn(username: string) {
  const res = await send({
    path: "/api/auth/sign-in",
    persona: "anonymous",
    body: { username, password: DEMO_PASSWORD },
  });
  expect(res.status, await res.clone().text()).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  return { cookie, csrfToken };
}

/** The transactions PgBouncer has run on the standby's pool (`<db>_replica`). */
async function replicaPoolTransactions(): Promise<number> {
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${layout.pgbouncerPort}/pgbouncer` });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ database: string; total_xact_count: string }>("show stats");
    return Number(rows.find((r) => r.database === `${layout.database}_replica`)?.total_xact_count ?? 0);
  } finally {
    await admin.end();
  }
}

/**
 * Table scans the standby itself counted on the documents and chunks: the replica gate's own
 * probe reads no table, so these grow only when retrieval actually read there.
 */
async function standbyScans(): Promise<number> {
  await standby.query("select pg_stat_clear_snapshot()");
  const { rows } = await standby.query<{ n: string }>(
    "select coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)::text as n from pg_stat_user_tables where relname in ('documents', 'chunks')",
  );
  return Number(rows[0]!.n);
}

beforeAll(async () => {
  handle = await openDatabase({
    env: { ...readDbEnv({}), DATABASE_URL: layout.appUrl, DATABASE_READ_URL: layout.appReadUrl },
    poolMax: 4,
  });
  standby = new pg.Client({ connectionString: layout.directReplicaUrl });
  await standby.connect();
  // Written on the primary, as the replica suite does; the web processes read it back over HTTP.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-http-leak-"));
  const files: Record<string, string> = {
    "everyone/.access.yaml": "groups: [everyone]\nusers: []\n",
    "everyone/leave-policy.md": `# Annual leave policy\n\nEvery employee receives 25 days of annual leave per year. Reference ${PUBLIC_TOKEN}.\n`,
  };
  for (const g of GROUPS) {
    files[`${g}-only/.access.yaml`] = `groups: [${g}]\nusers: []\ntags: [${TAG(g)}]\n`;
    files[`${g}-only/canary-${g}.md`] =
      `# Severance terms ${CANARY[g]}\n\nThe confidential severance multiplier for the ${g} review is ${CANARY[g]}. Restricted to the ${g} team.\n`;
  }
  writeTree({ dir, files });
  const name = `http-leak-${RUN.toLowerCase()}`;
  const run = await ingestFolder({ db: handle.db, name, dir });
  expect(run.status).toBe("succeeded");
  const ingested = await handle.db
    .select({ id: documents.id, path: documents.path })
    .from(documents)
    .where(and(eq(documents.sourceId, run.sourceId), eq(documents.status, "active")));
  for (const r of ingested)
    docIds.set(r.path.startsWith("everyone/") ? "public" : (r.path.split("-")[0] as Group), r.id);
  expect(docIds.size).toBe(GROUPS.length + 1);
  canaries = GROUPS.map((g) => ({
    name: g,
    needles: [CANARY[g], TAG(g), docIds.get(g)!],
    readers: g === "hr" ? ["hr"] : g === "legal" ? ["legal"] : [],
  }));
  // Until the standby has replayed the canaries: otherwise every read would fall back to the primary.
  const { rows } = await handle.pool.query<{ lsn: string }>("select pg_current_wal_insert_lsn()::text as lsn");
  for (let i = 0; ; i++) {
    const r = await standby.query<{ ok: boolean }>("select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok", [
      rows[0]!.lsn,
    ]);
    if (r.rows[0]!.ok) break;
    if (i > 400) throw new Error("standby did not replay the canaries");
    await sleep(25);
  }
  for (const persona of LEAK_PERSONAS) {
    const username = PERSONAS[persona];
    sessions.set(persona, username ? await signIn(username) : null);
  }
});

afterAll(async () => {
  await standby?.end().catch(() => undefined);
  await handle?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("leak suite over HTTP through the proxy", () => {
  it("search and chat never return a canary to a persona who may not read it; its readers get it", async () => {
    const scansBefore = await standbyScans();
    const poolBefore = await replicaPoolTransactions();
    const seen = new Map<Persona, Set<string>>();
    const publicSeen = new Set<Persona>();
    const note = (persona: Persona, text: string) => {
      const set = seen.get(persona) ?? new Set<string>();
      for (const c of canariesIn({ text, canaries })) set.add(c);
      seen.set(persona, set);
      if (text.includes(PUBLIC_TOKEN) || text.includes(docIds.get("public")!)) publicSeen.add(persona);
    };

    for (const persona of LEAK_PERSONAS) {
      for (const query of [...GROUPS.map((g) => CANARY[g]), PUBLIC_TOKEN]) {
        const res = await send({ path: "/api/search", persona, body: { query } });
        const text = await res.text();
        expect(res.status, `search "${query}" as ${persona}: ${text.slice(0, 200)}`).toBe(
          persona === "anonymous" ? 401 : 200,
        );
        expectOnlyAllowed({ persona, text, where: `search "${query}"`, canaries, own: [query] });
        // The response repeats the query: the controls look only at the results.
        if (res.status === 200) note(persona, JSON.stringify((JSON.parse(text) as { results: unknown[] }).results));
      }
      for (const question of [
        ...GROUPS.map((g) => `What is the confidential severance multiplier ${CANARY[g]}?`),
        `What does reference ${PUBLIC_TOKEN} in the annual leave policy say?`,
      ]) {
        const res = await send({ path: "/api/chat", persona, body: { question } });
        if (persona === "anonymous") {
          expect(res.status).toBe(401);
          expectOnlyAllowed({
            persona,
            text: await res.text(),
            where: `chat "${question}"`,
            canaries,
            own: [question],
          });
          continue;
        }
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toContain("text/event-stream");
        let text = "";
        const cited: string[] = [];
        for await (const frame of readSseFrames(res.body!)) {
          text += `${frame.event}\n${frame.data}\n`;
          if (frame.event === "citations")
            cited.push(
              ...((JSON.parse(frame.data) as { citations?: { documentId: string }[] }).citations ?? []).map(
                (c) => c.documentId,
              ),
            );
        }
        expect(text).toContain("done");
        expectOnlyAllowed({ persona, text, where: `chat "${question}"`, canaries, own: [question] });
        for (const g of GROUPS)
          if (
            !mayRead(
              persona,
              canaries.find((c) => c.name === g)!,
            )
          )
            expect(cited, `chat "${question}" as ${persona} cites ${g}`).not.toContain(docIds.get(g)!);
        note(persona, cited.join(" "));
      }
    }

    // Positive controls: each persona's probes found what it may read (search results or citations).
    for (const persona of LEAK_PERSONAS.filter((p) => p !== "anonymous")) {
      const readable = canaries.filter((c) => mayRead(persona, c)).map((c) => c.name);
      expect([...(seen.get(persona) ?? [])].sort(), `canaries ${persona} received`).toEqual(readable.sort());
      expect(publicSeen.has(persona), `${persona} found the public document`).toBe(true);
    }
    // Both web processes answered, and their reads went through PgBouncer's standby pool to the standby.
    expect([...upstreams].sort()).toEqual(layout.webPorts.map((p) => `127.0.0.1:${p}`).sort());
    // PgBouncer totals its stats every second (stats_period); the standby flushes its access
    // statistics when a backend goes idle (within about a second).
    let pool = await replicaPoolTransactions();
    let scans = await standbyScans();
    for (let i = 0; i < 40 && (pool <= poolBefore || scans <= scansBefore); i++) {
      await sleep(250);
      pool = await replicaPoolTransactions();
      scans = await standbyScans();
    }
    expect(pool, "transactions on PgBouncer's standby pool").toBeGreaterThan(poolBefore);
    expect(scans, "documents/chunks scans on the standby").toBeGreaterThan(scansBefore);
  });
});
