import { listDirectory } from "./directory-items";
import { walkSource } from "./walk-source";
import type { AccessRule, ResolvedAccess } from "./access-rules";
import type { Checkpoint, Connector, ConnectorContext, PullPage, SourceEntry } from "./connector";

/** A folder is listed whole on every run (a walk is cheap next to parsing), so pages are large. */
const PAGE = 512;

type AccessOf = (input: {
  root: string;
  relPath: string;
  rules: Map<string, AccessRule | Error>;
  ctx: ConnectorContext;
}) => Promise<ResolvedAccess>;

/**
 * What folder and upload connectors share: a directory on the server's disk, listed in id order.
 * A page's checkpoint is the last id it holds, so a run killed midway resumes after the last
 * committed page without reading those files again; the last page says the pass completed and
 * the next run lists from the start (unchanged files cost a hash, no parse). Pruning is the
 * same walk, so these connectors prune on every run.
 */
export function directoryPull<C extends { path: string }>({
  rootOf,
  accessOf,
}: {
  rootOf: (input: { config: C; ctx: ConnectorContext }) => string;
  accessOf: AccessOf;
}): Pick<Connector<C>, "pull" | "listIds" | "accessOf" | "pruneEachRun" | "check"> {
  const list = async ({ config, ctx }: { config: C; ctx: ConnectorContext }) => {
    const root = rootOf({ config, ctx });
    const entries = await listDirectory({
      root,
      accessOf: ({ relPath, rules }) => accessOf({ root, relPath, rules, ctx }),
    });
    return entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  };
  return {
    pruneEachRun: true,
    async check({ config, ctx }) {
      await list({ config, ctx });
    },
    async *pull({ config, checkpoint, ctx }): AsyncIterable<PullPage> {
      const after = typeof checkpoint?.after === "string" ? checkpoint.after : null;
      const entries: SourceEntry[] = (await list({ config, ctx })).filter((e) => after === null || e.id > after);
      if (entries.length === 0) {
        yield { items: [], checkpoint: completed() };
        return;
      }
      for (let i = 0; i < entries.length; i += PAGE) {
        const items = entries.slice(i, i + PAGE);
        const last = i + PAGE >= entries.length;
        yield { items, checkpoint: last ? completed() : { after: items[items.length - 1]!.id } };
      }
    },
    async listIds({ config, ctx }) {
      return (await list({ config, ctx })).map((e) => e.id);
    },
    async accessOf({ config, ids, ctx }) {
      const root = rootOf({ config, ctx });
      const walk = await walkSource({ root });
      const out = new Map<string, ResolvedAccess>();
      for (const id of ids) out.set(id, await accessOf({ root, relPath: id, rules: walk.rules, ctx }));
      return out;
    },
  };
}

const completed = (): Checkpoint => ({ completedAt: new Date().toISOString() });
