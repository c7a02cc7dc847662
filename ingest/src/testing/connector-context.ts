import type { Checkpoint, Connector, ConnectorContext, PullPage } from "../sources/connector";
import { flattenMembers, resolveGrants } from "../sources/create-identities";
import {
  mirroredGroupName,
  type ExternalAccessConfig,
  type ExternalGroup,
  type Identities,
} from "../sources/external-access";
import { createNetworkGuard } from "../sources/network-guard";

/**
 * In-memory `identities` for a connector's unit tests: `users` maps verified e-mails to user ids;
 * mirrored groups are kept in `mirrored` (Groundwork name → member user ids) as the database would.
 */
export function testIdentities({
  sourceName = "test-source",
  users = new Map<string, string>(),
  config = {},
}: { sourceName?: string; users?: Map<string, string>; config?: ExternalAccessConfig } = {}): Identities & {
  mirrored: Map<string, { externalId: string; members: string[] }>;
} {
  const mirrored = new Map<string, { externalId: string; members: string[] }>();
  const byEmail = new Map([...users].map(([email, id]) => [email.toLowerCase(), id]));
  return {
    mirrored,
    async mirrorGroups(groups: ExternalGroup[]) {
      mirrored.clear();
      const byId = new Map(groups.map((g) => [g.externalId, g]));
      for (const g of groups) {
        const members = flattenMembers({ group: g, byId }).flatMap((m) => {
          const id = m.email ? byEmail.get(m.email.toLowerCase()) : undefined;
          return id ? [id] : [];
        });
        mirrored.set(mirroredGroupName({ sourceName, externalId: g.externalId, name: g.name }), {
          externalId: g.externalId,
          members: [...new Set(members)].sort(),
        });
      }
    },
    async resolve(grants) {
      const groupByExternalId = new Map([...mirrored].map(([name, g]) => [g.externalId, name]));
      return resolveGrants({ grants, config, userByEmail: byEmail, groupByExternalId });
    },
  };
}

/**
 * A ConnectorContext for testing a connector on its own (no database): loopback allowed, a
 * `previous` map the test fills to play the store's memory, and the log captured.
 */
export function testConnectorContext(
  overrides: Partial<Omit<ConnectorContext, "previous">> & {
    previous?: Map<string, { version: string | null; sourceMeta: Record<string, unknown> }>;
  } = {},
): ConnectorContext & { logs: { message: string; fields?: Record<string, unknown> }[] } {
  const logs: { message: string; fields?: Record<string, unknown> }[] = [];
  const previous = overrides.previous ?? new Map();
  return {
    sourceId: "00000000-0000-4000-8000-000000000001",
    sourceName: "test-source",
    secrets: {},
    defaultAcl: ["everyone"],
    userIds: new Map(),
    guard: createNetworkGuard({ allowHosts: new Set(["127.0.0.1", "localhost"]) }),
    signal: new AbortController().signal,
    identities: testIdentities(),
    targetIds: null,
    // What the test's `previous` map plays the store's memory of.
    storedIds: () => [...previous.keys()],
    ...overrides,
    previous: (id) => previous.get(id),
    log: (message, fields) => logs.push(fields ? { message, fields } : { message }),
    logs,
  };
}

/** Every page of one pull, in order (tests read what a run would see). */
export async function pullAll<C>({
  connector,
  config,
  checkpoint = null,
  ctx,
}: {
  connector: Connector<C>;
  config: C;
  checkpoint?: Checkpoint | null;
  ctx: ConnectorContext;
}): Promise<PullPage[]> {
  const pages: PullPage[] = [];
  for await (const page of connector.pull({ config, checkpoint, ctx })) pages.push(page);
  return pages;
}
