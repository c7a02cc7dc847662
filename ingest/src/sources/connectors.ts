import { GroundworkError } from "@groundwork/core/errors";
import type { Connector, SourceKind } from "./connector";
import { folderConnector } from "./folder";
import { gitConnector } from "./git";
import { uploadConnector } from "./upload";
import { webConnector } from "./web";

/**
 * Every connector, by kind: the one place a new kind is registered. The run loop, the CLI's
 * flags and the console's forms all come from these modules.
 */
const CONNECTORS: Partial<Record<SourceKind, Connector<never>>> = {
  folder: folderConnector as Connector<never>,
  upload: uploadConnector as Connector<never>,
  web: webConnector as Connector<never>,
  git: gitConnector as Connector<never>,
};

export function connectorFor(kind: string): Connector<Record<string, unknown>> {
  const connector = CONNECTORS[kind as SourceKind];
  if (!connector)
    throw new GroundworkError("bad_request", `Unknown source kind ${kind}; one of ${connectorKinds().join(", ")}.`);
  return connector as unknown as Connector<Record<string, unknown>>;
}

export function connectorKinds(): SourceKind[] {
  return Object.keys(CONNECTORS) as SourceKind[];
}
