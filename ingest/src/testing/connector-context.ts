import type { Checkpoint, Connector, ConnectorContext, PullPage } from "../sources/connector";
import { createNetworkGuard } from "../sources/network-guard";

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
