// Ingestion: sources -> parse -> chunk -> embed -> store, run as pg-boss jobs (see the ingestion issue).
export {};
