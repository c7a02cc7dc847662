import type { DbHandle } from "@groundwork/db/client";

export type Services = { stop(): Promise<void> };

/** Background services that run beside the web server (the ingestion worker arrives with ingest/). */
export async function startServices({ handle: _handle }: { handle: DbHandle }): Promise<Services> {
  return { async stop() {} };
}
