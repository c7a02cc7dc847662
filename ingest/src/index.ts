/**
 * Ingestion: sources → parse → chunk → embed → store, run as pg-boss jobs. The web admin
 * console, the API, the CLI and `npm start` all go through these functions.
 */
export { createSource, findSource, listSources, updateSourceAcl, type SourceKind } from "./sources";
export { requestRun, cancelRun, getRun, listRuns, listRunFiles, expireStaleRuns, type RunTrigger, type RunCounts, type RunFile } from "./runs";
export { storeUpload } from "./store-upload";
export { updateDocumentAcl } from "./update-document-acl";
export { startIngestWorker, type IngestWorker, type StartIngestWorkerOptions } from "./start-ingest-worker";
export { executeRun } from "./execute-run";
export { reembedCorpus } from "./reembed-corpus";
export { readIngestEnv, type IngestEnv } from "./env";
export { parseFile, acceptedExtensions } from "./parse-file";
export { chunkDocument, type ChunkDraft } from "./chunk-document";
export type { Block, ParsedDocument } from "./document-model";
export { waitForRun } from "./wait-for-run";
export { configuredSourceRoots } from "./source-roots";
