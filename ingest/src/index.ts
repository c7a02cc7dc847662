/**
 * Ingestion: sources → parse → chunk → embed → store, run as pg-boss jobs. The web admin
 * console, the API, the CLI and `npm start` all go through these functions.
 */
export { createSource, findSource, listSources, updateSourceAcl, type SourceKind } from "./sources/manage-sources";
export { requestRun, cancelRun, getRun, listRuns, listRunFiles, expireStaleRuns, type RunTrigger, type RunCounts, type RunFile } from "./run/runs";
export { storeUpload } from "./store/store-upload";
export { updateDocumentAcl } from "./store/update-document-acl";
export { listDocuments, type DocumentListing } from "./store/list-documents";
export { startIngestWorker, type IngestWorker, type StartIngestWorkerOptions } from "./run/start-ingest-worker";
export { executeRun, type ExecuteRunOptions } from "./run/execute-run";
export { createPhaseTimings, type PhaseTimings } from "./run-model";
export type { Source, SourceEntry, SourceItem } from "./sources/source";
export { reembedCorpus } from "./store/reembed-corpus";
export { readIngestEnv, type IngestEnv } from "./env";
export { parseFile, acceptedExtensions } from "./prepare/parse-file";
export type { ParsePool } from "./prepare/parse-pool";
export { chunkDocument, type ChunkDraft } from "./prepare/chunk-document";
export type { Block, ParsedDocument } from "./document-model";
export { waitForRun } from "./run/wait-for-run";
export { recordWorkerBeat, clearWorkerBeat, readWorkerLiveness, DEFAULT_HEARTBEAT_INTERVAL_MS } from "./run/worker-heartbeats";
export { configuredSourceRoots } from "./sources/source-roots";
