/**
 * Ingestion: sources → parse → chunk → embed → store, run as pg-boss jobs. The web admin
 * console, the API, the CLI and `npm start` all go through these functions. Only what other
 * packages use is exported (the CLI and tests inside ingest import the stage modules).
 */
export {
  createSource,
  findSource,
  listSources,
  updateSource,
  deleteSource,
  type SourceView,
} from "./sources/manage-sources";
export {
  listSourceSummaries,
  listConnectorKinds,
  checkSource,
  checkSourceConfig,
  type SourceSummary,
} from "./sources/source-summaries";
export type { ConfigField } from "./sources/connector-config";
export { enableSourceWebhook, disableSourceWebhook, receiveSourceWebhook, webhookPath } from "./sources/source-webhook";
export { requestRun, cancelRun, getRun, listRuns, listRunFiles } from "./run/runs";
export { storeUpload } from "./store/store-upload";
export { updateDocumentAcl } from "./store/update-document-acl";
export { listDocuments, pageDocuments } from "./store/list-documents";
export {
  describeDocuments,
  describeSources,
  describeRuns,
  type DocumentLabel,
  type RunLabel,
} from "./store/describe-by-ids";
export { folderAccess, type FolderAccess } from "./sources/folder-access";
export { deleteDocument, documentFootprint, type DocumentFootprint } from "./store/delete-document";
export { deleteGroup, groupFootprint, type GroupFootprint } from "./store/delete-group";
export { startIngestWorker, type StartIngestWorkerOptions } from "./run/start-ingest-worker";
export { executeRun } from "./run/execute-run";
export { runSyncTick } from "./run/sync-tick";
export type { PhaseTimings } from "./run-model";
export { readIngestEnv } from "./env";
export { parseFile } from "./prepare/parse-file";
export type { ParsePool } from "./prepare/parse-pool";
export { chunkDocument } from "./prepare/chunk-document";
export { waitForRun } from "./run/wait-for-run";
export {
  recordWorkerBeat,
  clearWorkerBeat,
  readWorkerLiveness,
  DEFAULT_HEARTBEAT_INTERVAL_MS,
} from "./run/worker-heartbeats";
export { configuredSourceRoots } from "./sources/source-roots";
export {
  putPushedDocument,
  deletePushedDocument,
  pushDocumentsInBulk,
  type PushResult,
  type BulkPushResult,
} from "./sources/push/put-pushed-documents";
export { readPushStatus, type PushStatus } from "./sources/push/read-push-status";
export {
  pushDocumentInput,
  bulkPushInput,
  externalIdSchema,
  MAX_BULK_ITEMS,
  type PushDocumentInput,
} from "./sources/push/push-input";
