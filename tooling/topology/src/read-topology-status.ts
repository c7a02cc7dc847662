import pg from "pg";
import { readTopologyState, type TopologyLayout } from "./topology-layout";
import { pidAlive } from "./run-command";
import { pgbouncerPid } from "./start-pgbouncer";

export type ComponentStatus = { name: string; ok: boolean; detail: string };
export type TopologyStatus = { up: boolean; components: ComponentStatus[] };

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function check(name: string, fn: () => Promise<string>): Promise<ComponentStatus> {
  try {
    return { name, ok: true, detail: await fn() };
  } catch (error) {
    return { name, ok: false, detail: (error as Error).message };
  }
}

async function ready(url: string): Promise<string> {
  const res = await fetch(`${url}/api/ready`, { signal: AbortSignal.timeout(5_000) });
  const body = (await res.json().catch(() => ({}))) as { role?: string; checks?: Record<string, { message: string }> };
  const summary = `${res.status} role=${body.role ?? "?"} ${Object.entries(body.checks ?? {})
    .map(([k, v]) => `${k}: ${v.message}`)
    .join("; ")}`;
  if (res.status !== 200) throw new Error(summary);
  return summary;
}

/** `pnpm topology status`: each component, probed (not just its pid). */
export async function readTopologyStatus({ layout }: { layout: TopologyLayout }): Promise<TopologyStatus> {
  const state = readTopologyState(layout);
  if (!state) return { up: false, components: [{ name: "topology", ok: false, detail: "not started" }] };
  const components = await Promise.all([
    check("primary", async () => {
      const rows = await query<{ state: string; replay_lag: string | null }>(
        layout.primaryAdminUrl,
        "select state, replay_lag::text from pg_stat_replication",
      );
      if (!rows.length) throw new Error("no standby streaming from the primary");
      return `127.0.0.1:${layout.primaryPort}, ${rows.length} standby(s): ${rows.map((r) => `${r.state} lag ${r.replay_lag ?? "0"}`).join(", ")}`;
    }),
    check("replica", async () => {
      const [r] = await query<{ standby: boolean; lsn: string; idle_ms: number | null }>(
        layout.directReplicaUrl,
        "select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn, extract(epoch from now() - pg_last_xact_replay_timestamp()) * 1000 as idle_ms",
      );
      if (!r?.standby) throw new Error("not in recovery");
      return `127.0.0.1:${layout.replicaPort}, replayed ${r.lsn}, last replayed commit ${Math.round(Number(r.idle_ms ?? 0))} ms ago`;
    }),
    check("pgbouncer", async () => {
      if (!pgbouncerPid(layout)) throw new Error("not running");
      await query(layout.appUrl, "select 1");
      await query(layout.appReadUrl, "select 1");
      return `127.0.0.1:${layout.pgbouncerPort}, transaction pooling, both databases answer`;
    }),
    ...state.processes.map((p) =>
      check(p.name, async () => {
        if (!pidAlive(p.pid)) throw new Error(`pid ${p.pid} gone (log ${p.log})`);
        const webIndex = p.name.startsWith("web-") ? Number(p.name.slice(4)) - 1 : -1;
        if (webIndex >= 0) return `pid ${p.pid}, ${await ready(`http://127.0.0.1:${layout.webPorts[webIndex]}`)}`;
        if (p.name === "proxy") return `pid ${p.pid}, ${layout.proxyUrl}: ${await ready(layout.proxyUrl)}`;
        return `pid ${p.pid}`;
      }),
    ),
  ]);
  return { up: components.every((c) => c.ok), components };
}
