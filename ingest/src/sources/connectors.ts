import { GroundworkError } from "@groundwork/core/errors";
import type { Connector, SourceKind } from "./connector";
import { confluenceConnector } from "./confluence";
import { folderConnector } from "./folder";
import { gitConnector } from "./git";
import { googleDriveConnector } from "./google-drive";
import { pushConnector } from "./push";
import { s3Connector } from "./s3";
import { sharepointConnector } from "./sharepoint";
import { sqlConnector } from "./sql";
import { uploadConnector } from "./upload";
import { webConnector } from "./web";
import { zendeskConnector } from "./zendesk";

/**
 * Every connector, by kind: the one place a new kind is registered. The run loop, the CLI's
 * flags and the console's forms all come from these modules.
 */
const CONNECTORS: Partial<Record<SourceKind, Connector<never>>> = {
  folder: folderConnector as Connector<never>,
  upload: uploadConnector as Connector<never>,
  web: webConnector as Connector<never>,
  git: gitConnector as Connector<never>,
  sql: sqlConnector as Connector<never>,
  s3: s3Connector as Connector<never>,
  push: pushConnector as Connector<never>,
  confluence: confluenceConnector as Connector<never>,
  sharepoint: sharepointConnector as Connector<never>,
  "google-drive": googleDriveConnector as Connector<never>,
  zendesk: zendeskConnector as Connector<never>,
};

export function connectorFor(kind: string): Connector<Record<string, unknown>> {
  const connector = CONNECTORS[kind as SourceKind];
  if (!connector)
    throw new GroundworkError("bad_request", `Unknown source kind ${kind}; one of ${connectorKinds().join(", ")}.`);
  return connector;
}

export function connectorKinds(): SourceKind[] {
  return Object.keys(CONNECTORS) as SourceKind[];
}

/**
 * For tests: puts `connector` in the registry under its kind (an in-test fake standing in for a
 * kind), returning a function that restores what was there.
 */
export function registerConnectorForTests(connector: Connector<never>): () => void {
  const before = CONNECTORS[connector.kind];
  CONNECTORS[connector.kind] = connector;
  return () => {
    if (before) CONNECTORS[connector.kind] = before;
    else delete CONNECTORS[connector.kind];
  };
}
