/** Fixture builders for tests and the benchmarks in `evals/` (they need ingest's devDependencies docx and pdf-lib). */
export { makePdf, makeEncryptedPdf, makeDocx, writeTree } from "./make-fixtures";
export { createPdfWriter, type PdfWriter, type PdfLineOptions } from "./pdf-writer";
export { makeDocxBomb, makeSlowHtml } from "./make-hostile-files";
export { ingestFolder, runSource } from "./ingest-folder";
export { testConnectorContext, testIdentities, pullAll } from "./connector-context";
export { startS3Server, type TestS3Server } from "./s3-server";
export { startZendeskServer, type ZendeskServer } from "./zendesk-server";
export { startGraphServer, type TestGraphServer } from "./graph-server";
export { serveStaticSite, type StaticSite } from "./static-site";
export { makeGitRepo, commitFiles, gitIn } from "./git-repo";
export { seedSqlTable, generatedRow, sqlTestDialects, sqlTestUrls, type SeedRow, type SqlTable } from "./sql-table";
