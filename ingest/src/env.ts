import { z } from "zod";
import { defineEnv, unsetIfBlank } from "@groundwork/core/env";

const schema = z.object({
  GROUNDWORK_INGEST_MAX_FILE_MB: z.coerce.number().positive().default(50),
  GROUNDWORK_INGEST_MAX_PAGES: z.coerce.number().int().positive().default(2000),
  // Total uncompressed size a ZIP-based file (DOCX) may declare before it is refused unread.
  GROUNDWORK_INGEST_MAX_UNZIPPED_MB: z.coerce.number().positive().default(200),
  // Heap of the parse worker thread; a file that needs more fails, the worker is replaced.
  GROUNDWORK_INGEST_PARSE_MEMORY_MB: z.coerce.number().int().min(64).default(512),
  // Time one file may take to parse before its worker is terminated and the file fails.
  GROUNDWORK_INGEST_PARSE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  // A running run whose heartbeat is older than this is taken as abandoned (worker killed).
  GROUNDWORK_INGEST_STALE_SECONDS: z.coerce.number().positive().default(60),
  UNSTRUCTURED_API_URL: z.string().url().optional(),
  UNSTRUCTURED_API_KEY: z.string().optional(),
  // Send PDFs to Unstructured too (OCR, layout) instead of the local pdf.js text layer.
  UNSTRUCTURED_FOR_PDF: z.enum(["true", "false", "1", "0"]).optional(),
  UNSTRUCTURED_RETRY_MAX_MS: z.coerce.number().int().min(0).default(60_000),
});

export type IngestEnv = {
  maxFileBytes: number;
  maxPages: number;
  maxUnzippedBytes: number;
  parseMemoryMb: number;
  parseTimeoutMs: number;
  staleAfterMs: number;
  unstructured: { url: string; apiKey?: string; forPdf: boolean; retryMaxMs: number } | null;
};

const readRaw = defineEnv({ schema });

export function readIngestEnv(env: NodeJS.ProcessEnv = process.env): IngestEnv {
  const e = readRaw(env);
  return {
    maxFileBytes: Math.round(e.GROUNDWORK_INGEST_MAX_FILE_MB * 1024 * 1024),
    maxPages: e.GROUNDWORK_INGEST_MAX_PAGES,
    maxUnzippedBytes: Math.round(e.GROUNDWORK_INGEST_MAX_UNZIPPED_MB * 1024 * 1024),
    parseMemoryMb: e.GROUNDWORK_INGEST_PARSE_MEMORY_MB,
    parseTimeoutMs: e.GROUNDWORK_INGEST_PARSE_TIMEOUT_MS,
    staleAfterMs: e.GROUNDWORK_INGEST_STALE_SECONDS * 1000,
    unstructured: e.UNSTRUCTURED_API_URL
      ? {
          url: e.UNSTRUCTURED_API_URL,
          ...(e.UNSTRUCTURED_API_KEY ? { apiKey: e.UNSTRUCTURED_API_KEY } : {}),
          forPdf: e.UNSTRUCTURED_FOR_PDF === "true" || e.UNSTRUCTURED_FOR_PDF === "1",
          retryMaxMs: e.UNSTRUCTURED_RETRY_MAX_MS,
        }
      : null,
  };
}

/** GROUNDWORK_CONNECTOR_ALLOW_HOSTS as set: hosts connectors may reach on non-public addresses. */
export function connectorAllowHostsSetting(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return unsetIfBlank(env.GROUNDWORK_CONNECTOR_ALLOW_HOSTS) ?? "";
}

/** GROUNDWORK_SECRET_KEY as set (blank means unset: a key is generated into the data dir's folder). */
export function secretKeySetting(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  return unsetIfBlank(env.GROUNDWORK_SECRET_KEY);
}

/**
 * GROUNDWORK_SOURCE_ROOTS as set (blank means unset): absolute paths separated by commas or
 * colons, parsed and checked by sources/source-roots.ts.
 */
export function sourceRootsSetting(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  return unsetIfBlank(env.GROUNDWORK_SOURCE_ROOTS)?.trim();
}

/**
 * GROUNDWORK_PUBLIC_URL as set (blank means unset), the origin vendors call change notifications
 * back at (the web app reads the same variable for its own origin, apps/web/lib/http/origin-env.ts).
 */
export function publicUrlSetting(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  return unsetIfBlank(env.GROUNDWORK_PUBLIC_URL)?.trim();
}
