import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  type ExtraConfigColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  halfvec,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  vector,
} from "drizzle-orm/pg-core";
import { EMBEDDING_DIMENSIONS } from "@groundwork/core/embedding-dimensions";
import { VECTOR_STORAGE } from "@groundwork/core/vector-storage";

/**
 * The one place that knows table layouts. Everything else imports these objects
 * (or goes through a package's query module) rather than spelling table names.
 *
 * Principals are strings: `user:<uuid>`, `group:<name>`; `group:everyone` is held by
 * every signed-in user. Admins bypass ACLs by role, not by a principal in the list.
 */

const tsvector = customType<{ data: string }>({
  dataType: () => "tsvector",
});

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
});

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const userRole = pgEnum("user_role", ["employee", "support", "admin"]);
// push: documents sent through the push API; the SaaS kinds mirror their system's permissions.
export const sourceKind = pgEnum("source_kind", [
  "folder",
  "upload",
  "web",
  "git",
  "sql",
  "s3",
  "push",
  "confluence",
  "sharepoint",
  "google-drive",
  "zendesk",
]);
export const documentStatus = pgEnum("document_status", ["active", "superseded", "deleted"]);
export const runTrigger = pgEnum("run_trigger", ["user", "cli", "schedule", "webhook", "push"]);
// sync: pull changes since the checkpoint; prune: also list ids and delete what the source no
// longer holds; acl: re-decide access of stored documents without reading content.
export const runMode = pgEnum("run_mode", ["sync", "prune", "acl"]);
export const runStatus = pgEnum("run_status", ["queued", "running", "succeeded", "partial", "failed", "cancelled"]);
export const fileOutcome = pgEnum("file_outcome", [
  "added",
  "updated",
  "unchanged",
  "deleted",
  "acl_updated",
  "failed",
]);
export const messageRole = pgEnum("message_role", ["user", "assistant"]);
// An admin's review of an answer rating: new until looked at; eval = copied into the golden set export.
export const feedbackTriage = pgEnum("feedback_triage", ["new", "reviewed", "eval"]);
// person: signs in (password or OIDC); service: an admin-made account that only authenticates with its API tokens.
export const userKind = pgEnum("user_kind", ["person", "service"]);
// queued: stored, waiting for the worker; indexed/failed: the run's outcome; deleted: removed by DELETE.
export const pushStatus = pgEnum("push_status", ["queued", "indexed", "failed", "deleted"]);

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  email: text("email"),
  // Whether the e-mail is the user's own: set by an admin (local accounts), or from an IdP that
  // said email_verified. Source permissions (external identities) match users by verified e-mail only.
  emailVerified: boolean("email_verified").notNull().default(false),
  role: userRole("role").notNull().default("employee"),
  // Null for accounts that only sign in through OIDC.
  passwordHash: text("password_hash"),
  oidcSubject: text("oidc_subject").unique(),
  disabled: boolean("disabled").notNull().default(false),
  kind: userKind("kind").notNull().default("person"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const groups = pgTable(
  "groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull().unique(),
    description: text("description").notNull().default(""),
    // A group mirrored from a source's system (external identities): its members come from the
    // source at each permission sync and admins cannot edit them; removing the source removes
    // them. Null: a group made by hand.
    sourceId: uuid("source_id").references((): AnyPgColumn => sources.id, { onDelete: "cascade" }),
    externalId: text("external_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("groups_source_external_idx").on(t.sourceId, t.externalId)],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    groupId: uuid("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.groupId] }), index("memberships_group_idx").on(t.groupId)],
);

export const sessions = pgTable(
  "sessions",
  {
    // sha256 of the cookie token, so a leaked table dump cannot be replayed.
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Personal access tokens and service-account tokens (`gw_pat_<publicId>_<secret>`,
 * `gw_sa_<publicId>_<secret>`). Only the sha256 of the whole token is stored: a leaked dump cannot
 * be replayed. The public id finds the row; the hash is compared in constant time.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // `gw_pat_` or `gw_sa_` followed by the public id: what lists show, never enough to authenticate.
    prefix: text("prefix").notNull(),
    publicId: text("public_id").notNull().unique(),
    secretHash: text("secret_hash").notNull(),
    scopes: text("scopes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    // Null: the route's default limits apply.
    rateLimitPerMinute: integer("rate_limit_per_minute"),
    createdAt: createdAt(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

export const sources = pgTable("sources", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  kind: sourceKind("kind").notNull(),
  // The connector's config as its zod schema validated it (ingest/src/sources/<kind>/); never a secret.
  config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
  // Secret fields (tokens, passwords), AES-256-GCM encrypted by ingest's secret box; never sent to the browser.
  secrets: text("secrets"),
  // "15m", "2h", "1d" or a cron expression; null means manual runs only.
  schedule: text("schedule"),
  // How often a scheduled run also prunes (lists ids); null means the kind's default.
  pruneSchedule: text("prune_schedule"),
  paused: boolean("paused").notNull().default(false),
  // Where the next pull starts, written in the transaction of the page it follows.
  checkpoint: jsonb("checkpoint").$type<Record<string, unknown>>(),
  nextRunAt: timestamp("next_run_at", { withTimezone: true }),
  lastPrunedAt: timestamp("last_pruned_at", { withTimezone: true }),
  // The sealed secret a push webhook (Git host, CMS) proves itself with; null: no webhook.
  webhookSecret: text("webhook_secret"),
  // How often a permission-only (acl) run re-reads the source's permissions; null: the kind's default (5m).
  permissionSchedule: text("permission_schedule"),
  lastPermissionSyncAt: timestamp("last_permission_sync_at", { withTimezone: true }),
  // Set when the system refused the credentials for good (a revoked OAuth grant): scheduled runs
  // pause until the secrets are updated; documents stay. Null: fine.
  reauthReason: text("reauth_reason"),
  reauthSince: timestamp("reauth_since", { withTimezone: true }),
  // Change notifications that arrived while a run was active, run when it ends: ids (null:
  // incremental) and whether only permissions changed.
  pendingChanges: jsonb("pending_changes").$type<{ ids: string[] | null; aclOnly: boolean }>(),
  // The vendor's change-notification registration (a Graph subscription, a Drive push channel),
  // created and renewed by the sync tick (ingest run/notification-registrations.ts); null: none yet.
  notificationRegistration: jsonb("notification_registration").$type<{
    id: string;
    resource: string;
    expiresAt: string;
    [key: string]: unknown;
  }>(),
  // Consecutive failed scheduled runs: the backoff grows with it, a success resets it.
  failureStreak: integer("failure_streak").notNull().default(0),
  // Empty means admins only: deny by default.
  defaultAcl: text("default_acl")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    // Stable identity inside the source: a relative path for folders, a key for uploads.
    path: text("path").notNull(),
    externalId: text("external_id"),
    title: text("title").notNull(),
    mime: text("mime").notNull(),
    version: integer("version").notNull().default(1),
    contentHash: text("content_hash").notNull(),
    status: documentStatus("status").notNull().default("active"),
    effectiveDate: date("effective_date"),
    owner: text("owner"),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    acl: text("acl")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    normalizedText: text("normalized_text").notNull().default(""),
    pageCount: integer("page_count"),
    byteSize: integer("byte_size").notNull().default(0),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    supersededBy: uuid("superseded_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("documents_source_path_version_idx").on(t.sourceId, t.path, t.version),
    // At most one live version per identity; superseded/deleted rows are history.
    uniqueIndex("documents_source_path_active_idx")
      .on(t.sourceId, t.path)
      .where(sql`${t.status} = 'active'`),
    index("documents_acl_idx").using("gin", t.acl),
    index("documents_status_idx").on(t.status),
  ],
);

// Originals kept apart from the documents row so listing documents never drags blobs along.
export const documentFiles = pgTable("document_files", {
  documentId: uuid("document_id")
    .primaryKey()
    .references(() => documents.id, { onDelete: "cascade" }),
  filename: text("filename").notNull(),
  content: bytea("content").notNull(),
});

/**
 * The chunk embedding's column and HNSW index as GROUNDWORK_VECTOR_TYPE / GROUNDWORK_VECTOR_INDEX
 * ask (see @groundwork/core/vector-storage). The default, `vector` with a full-precision HNSW
 * index, is what the shipped migrations hold; `binary` indexes the sign bits
 * (`binary_quantize(embedding)::bit(N)`, Hamming distance) and the vector leg re-ranks exactly.
 * The embedding cache stays `vector`: it keeps the model's output at full precision, so a
 * layout change never needs the model again.
 */
function chunkEmbeddingColumn() {
  return VECTOR_STORAGE.type === "halfvec"
    ? halfvec("embedding", { dimensions: EMBEDDING_DIMENSIONS })
    : vector("embedding", { dimensions: EMBEDDING_DIMENSIONS });
}

function chunkEmbeddingIndex(embedding: ExtraConfigColumn) {
  const named = index("chunks_embedding_idx");
  const built =
    VECTOR_STORAGE.index === "binary"
      ? named.using(
          "hnsw",
          sql`(binary_quantize(${embedding})::bit(${sql.raw(String(EMBEDDING_DIMENSIONS))})) bit_hamming_ops`,
        )
      : named.using("hnsw", embedding.op(`${VECTOR_STORAGE.type}_cosine_ops`));
  return built.with({ m: 16, ef_construction: 64 });
}

export const chunks = pgTable(
  "chunks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    ordinal: integer("ordinal").notNull(),
    text: text("text").notNull(),
    textHash: text("text_hash").notNull(),
    // Title and heading breadcrumb, indexed with a higher weight than the body.
    context: text("context").notNull().default(""),
    headings: text("headings")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    pageFrom: integer("page_from"),
    pageTo: integer("page_to"),
    charStart: integer("char_start").notNull(),
    charEnd: integer("char_end").notNull(),
    // The weighted tsvector of context (weight 'A') and text, and its BM25 length (tokens, not
    // distinct lexemes). Filled by the BEFORE trigger chunks_tsv (migration 0022), which parses the
    // text once: as three generated columns (tsv, token_count, tsv_high) each ran to_tsvector
    // over the same text, about a sixth of a bulk load. The defaults only make them optional in
    // an insert; the trigger overwrites whatever a statement gives them.
    tsv: tsvector("tsv")
      .notNull()
      .default(sql`''::tsvector`),
    tokenCount: integer("token_count").notNull().default(0),
    // Formerly the lexemes occurring more than once or in the title (migrations 0008/0009); no
    // search reads it since the lexical leg scores from chunk_postings, so since 0022 it is
    // always empty and unindexed. The column stays: dropping any column of chunks leaves a
    // dropped attribute in the table that partitionChunks turns into the DEFAULT partition, and
    // PostgreSQL (15 and PGlite's 17) then hands the parent's statement triggers empty transition
    // tables for rows routed there, silently stopping postings and BM25 statistics
    // (tests/governance partition-chunks: new chunks in the default partition).
    tsvHigh: tsvector("tsv_high")
      .notNull()
      .default(sql`''::tsvector`),
    // vector or halfvec (GROUNDWORK_VECTOR_TYPE, fixed at generate time like the dimension).
    embedding: chunkEmbeddingColumn(),
    embeddingModel: text("embedding_model"),
    // Denormalized from the document so every retrieval leg filters without a join.
    acl: text("acl")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    mime: text("mime").notNull().default(""),
    tags: text("tags")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("chunks_document_ordinal_idx").on(t.documentId, t.ordinal),
    index("chunks_acl_idx").using("gin", t.acl),
    index("chunks_tsv_idx").using("gin", t.tsv),
    chunkEmbeddingIndex(t.embedding),
    index("chunks_source_idx").on(t.sourceId),
  ],
);

// BM25 needs document frequencies; kept by statement-level triggers on chunks (see migration 0002).
export const termStats = pgTable("term_stats", {
  lexeme: text("lexeme").primaryKey(),
  df: integer("df").notNull(),
  // Upper bounds for BM25 pruning (max occurrences, max title/breadcrumb occurrences, shortest
  // chunk holding the lexeme). Only ever widened by the triggers, so they stay valid after deletes.
  maxTf: integer("max_tf").notNull().default(0),
  maxTitleTf: integer("max_title_tf").notNull().default(0),
  minLength: integer("min_length").notNull().default(2147483647),
});

/**
 * Document frequencies per ACL principal (`group:hr`, `user:emma`), kept by the same triggers as
 * term_stats (migration 0011). A caller's df for a lexeme is the sum over their principals, which
 * counts only chunks they may read: ranking, rarity and typo correction for a non-admin never
 * depend on words that occur only in documents they cannot see (see SECURITY.md).
 */
export const termPrincipalStats = pgTable(
  "term_principal_stats",
  {
    principal: text("principal").notNull(),
    lexeme: text("lexeme").notNull(),
    df: integer("df").notNull(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.lexeme] })],
);

/**
 * BM25 postings: one narrow row per (lexeme, chunk), kept by statement-level triggers on chunks
 * (migration 0020) from the stored tsvector. The lexical leg scores a query with one aggregate
 * over its terms' postings (an index-only scan of the primary key, which INCLUDEs the other
 * columns) instead of reading every matching chunk's out-of-line tsvector once per term.
 * `acl` is the chunk's, denormalized like chunks.acl: the ACL filter runs on the postings
 * themselves (before aggregation) and row-level security keeps a reader to visible rows.
 */
export const chunkPostings = pgTable(
  "chunk_postings",
  {
    lexeme: text("lexeme").notNull(),
    chunkId: uuid("chunk_id").notNull(),
    // Body and title/breadcrumb (weight 'A') occurrences; title ones count contextBoost times.
    bodyTf: smallint("body_tf").notNull(),
    titleTf: smallint("title_tf").notNull(),
    tokenCount: integer("token_count").notNull(),
    acl: text("acl")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (t) => [primaryKey({ columns: [t.lexeme, t.chunkId] })],
);

/**
 * The same postings keyed by each principal of the chunk's ACL first (migration 0025): a caller
 * who may read a small share of the corpus reads only the postings of chunks their principals
 * hold, one key range per (principal, lexeme), instead of every posting of the word with an ACL
 * test on each (at 1 % visibility, 99 % of what the lexical leg read was then thrown away). A
 * chunk shared by two of the caller's principals is read once per principal; the leg divides
 * that multiplicity out. Chunks with an empty ACL have no rows (only admins read them, from
 * chunk_postings). Kept by the same triggers as chunk_postings.
 */
export const chunkPrincipalPostings = pgTable(
  "chunk_principal_postings",
  {
    principal: text("principal").notNull(),
    lexeme: text("lexeme").notNull(),
    chunkId: uuid("chunk_id").notNull(),
    bodyTf: smallint("body_tf").notNull(),
    titleTf: smallint("title_tf").notNull(),
    tokenCount: integer("token_count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.principal, t.lexeme, t.chunkId] })],
);

/**
 * Chunk counts per ACL principal (`acl:group:hr`) and per embedding model (`model:<id>`), kept by
 * triggers, so the vector leg can size a caller's visible set without scanning chunks.
 */
export const chunkCounts = pgTable("chunk_counts", {
  key: text("key").primaryKey(),
  n: bigint("n", { mode: "number" }).notNull().default(0),
});

/**
 * Chunk counts per distinct ACL (sorted, deduplicated principals), kept by triggers: the chunks a
 * caller may read are exactly those of the ACLs that name one of their principals, so N (BM25's
 * corpus size, the answerability check's chance share) is a sum over a few rows here, each chunk
 * counted once however many of the caller's groups its ACL names (chunk_counts' per-principal
 * keys count it once per group). Migration 0024.
 */
export const chunkAclCounts = pgTable(
  "chunk_acl_counts",
  {
    acl: text("acl").array().primaryKey(),
    n: bigint("n", { mode: "number" }).notNull().default(0),
  },
  (t) => [index("chunk_acl_counts_acl_idx").using("gin", t.acl)],
);

export const corpusStats = pgTable("corpus_stats", {
  id: smallint("id").primaryKey().default(1),
  chunkCount: integer("chunk_count").notNull().default(0),
  tokenTotal: bigint("token_total", { mode: "number" }).notNull().default(0),
});

export const embeddingCache = pgTable(
  "embedding_cache",
  {
    model: text("model").notNull(),
    textHash: text("text_hash").notNull(),
    embedding: vector("embedding", { dimensions: EMBEDDING_DIMENSIONS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.model, t.textHash] })],
);

export const ingestionRuns = pgTable(
  "ingestion_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    trigger: runTrigger("trigger").notNull(),
    mode: runMode("mode").notNull().default("sync"),
    // A targeted run (a change notification): only these item ids. Null: the whole source.
    targetIds: text("target_ids").array(),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    status: runStatus("status").notNull().default("queued"),
    jobId: text("job_id"),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    counts: jsonb("counts")
      .$type<Record<"seen" | "added" | "updated" | "unchanged" | "deleted" | "aclUpdated" | "failed", number>>()
      .notNull()
      .default({ seen: 0, added: 0, updated: 0, unchanged: 0, deleted: 0, aclUpdated: 0, failed: 0 }),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total").notNull().default(0),
    chunksWritten: integer("chunks_written").notNull().default(0),
    embeddingCalls: integer("embedding_calls").notNull().default(0),
    error: text("error"),
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    createdAt: createdAt(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    // One active run per source, enforced by the database rather than by a racy check.
    uniqueIndex("ingestion_runs_one_active_idx")
      .on(t.sourceId)
      .where(sql`${t.status} in ('queued', 'running')`),
    index("ingestion_runs_created_idx").on(t.createdAt),
  ],
);

/**
 * The push API's inbox: what each PUT stored for (source, external id), waiting for the worker's
 * run (the push connector pulls rows past its checkpoint by `seq`), then the run's outcome for
 * the document's status. The content is kept so a re-run can index it again.
 */
export const pushDocuments = pgTable(
  "push_documents",
  {
    sourceId: uuid("source_id")
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    // Taken from a sequence on every change, so a run's cursor never skips a later push.
    seq: bigserial("seq", { mode: "number" }).notNull(),
    // Counts changed pushes (content or access); an unchanged PUT keeps it.
    revision: integer("revision").notNull().default(1),
    status: pushStatus("status").notNull().default("queued"),
    title: text("title"),
    url: text("url"),
    filename: text("filename").notNull(),
    mime: text("mime").notNull(),
    content: bytea("content"),
    // sha256 over content, title, url and the resolved ACL: equal means an unchanged PUT.
    contentHash: text("content_hash").notNull(),
    acl: text("acl")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    sourceUpdatedAt: timestamp("source_updated_at", { withTimezone: true }),
    error: text("error"),
    documentId: uuid("document_id"),
    documentVersion: integer("document_version"),
    pushedBy: uuid("pushed_by").references(() => users.id, { onDelete: "set null" }),
    pushedAt: timestamp("pushed_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.externalId] }), index("push_documents_seq_idx").on(t.sourceId, t.seq)],
);

export const ingestionFiles = pgTable(
  "ingestion_files",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: uuid("run_id")
      .notNull()
      .references(() => ingestionRuns.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    outcome: fileOutcome("outcome").notNull(),
    error: text("error"),
    documentId: uuid("document_id"),
    chunks: integer("chunks").notNull().default(0),
    durationMs: integer("duration_ms").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index("ingestion_files_run_idx").on(t.runId)],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("conversations_user_idx").on(t.userId, t.updatedAt)],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    role: messageRole("role").notNull(),
    content: text("content").notNull(),
    // llm | extractive | abstain | fallback
    mode: text("mode"),
    citations: jsonb("citations").$type<unknown[]>().notNull().default([]),
    flags: jsonb("flags").$type<unknown[]>().notNull().default([]),
    trace: jsonb("trace").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("messages_conversation_idx").on(t.conversationId, t.createdAt)],
);

export const feedback = pgTable(
  "feedback",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rating: smallint("rating").notNull(),
    comment: text("comment"),
    triage: feedbackTriage("triage").notNull().default("new"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("feedback_message_user_idx").on(t.messageId, t.userId),
    index("feedback_triage_idx").on(t.triage),
  ],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorUsername: text("actor_username"),
    action: text("action").notNull(),
    target: text("target"),
    outcome: text("outcome").notNull().default("ok"),
    latencyMs: real("latency_ms"),
    requestId: text("request_id"),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    // Chosen by the writer before the first attempt, so a row spooled to disk during an outage and
    // replayed after a crash or by another process is written once (insert … on conflict do nothing).
    eventId: uuid("event_id"),
  },
  (t) => [
    index("audit_events_at_idx").on(t.at),
    index("audit_events_action_idx").on(t.action, t.at),
    uniqueIndex("audit_events_event_id_idx").on(t.eventId),
  ],
);

// Liveness of background workers (ingestion): each process upserts its row every few seconds;
// `/api/ready` calls the workers alive when some row is fresh. A table, not pg-boss internals,
// so workers on other machines count too and the check survives pg-boss upgrades.
export const workerHeartbeats = pgTable("worker_heartbeats", {
  id: text("id").primaryKey(),
  kind: text("kind").notNull(),
  host: text("host").notNull(),
  pid: integer("pid").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  beatAt: timestamp("beat_at", { withTimezone: true }).notNull().defaultNow(),
});

// Cluster-wide rate limits (apps/web lib/server/http/rate-limit.ts): one token bucket per
// `<bucket>\0<key>` (a user, an API token), refilled and taken in one atomic upsert, so every web
// process draws from the same budget. Times are ms since the epoch from the database's clock.
export const rateLimitBuckets = pgTable("rate_limit_buckets", {
  key: text("key").primaryKey(),
  tokens: doublePrecision("tokens").notNull(),
  updatedMs: doublePrecision("updated_ms").notNull(),
  // Whether the last take was admitted (the upsert's RETURNING cannot see the row's old value).
  allowed: boolean("allowed").notNull().default(true),
});

// Cluster-wide sign-in throttling (apps/web lib/server/auth/sign-in-throttle.ts): attempts per
// `account:<name>` / `address:<ip>`, read-modify-written under a row lock.
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    key: text("key").primaryKey(),
    attempts: integer("attempts").notNull(),
    lastMs: doublePrecision("last_ms").notNull(),
  },
  (t) => [index("sign_in_attempts_last_idx").on(t.lastMs)],
);

export type User = typeof users.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;
export type PushDocument = typeof pushDocuments.$inferSelect;
export type Group = typeof groups.$inferSelect;
export type Source = typeof sources.$inferSelect;
export type Document = typeof documents.$inferSelect;
export type Chunk = typeof chunks.$inferSelect;
export type IngestionRun = typeof ingestionRuns.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
