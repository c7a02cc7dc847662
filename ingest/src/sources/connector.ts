import type { z } from "zod";
import type { Database } from "@groundwork/db/client";
import type { ResolvedAccess } from "./access-rules";
import type { ExternalGroup, Identities } from "./external-access";
import type { NetworkGuard } from "./network-guard";

/**
 * The connector interface: every kind of source (folder, upload, web, git, sql, s3, and the SaaS
 * connectors after them) is one module under `sources/<kind>/` exporting a `Connector`. The run
 * loop (run/execute-run.ts) drives it: `pull(checkpoint)` pages → plan → prepare → store, the
 * page's checkpoint committed in the same transaction as the page's last batch, so a run killed
 * with SIGKILL resumes from the last committed page, never from zero. Pruning compares
 * `listIds()` with what is stored. Nothing here knows tables: connectors see only their config,
 * their decrypted secrets, and what the store remembers of each item (`ctx.previous`).
 */
export type Connector<Config = Record<string, unknown>> = {
  kind: SourceKind;
  /** Shown on the console's card and form ("Web site"). */
  label: string;
  /**
   * The config, as a zod object. Each field's `.meta({ flag, description, secret, example })`
   * drives the CLI flag (`--max-pages`), the admin form, and where it is stored: a `secret` field
   * goes to the encrypted secrets column and is never sent back to the browser or logged.
   */
  configSchema: z.ZodType<Config>;
  /**
   * Moves credentials given inline (a password inside a DSN) into their secret fields before
   * the settings are validated and stored, so they are never kept in the clear.
   */
  liftSecrets?(input: Record<string, unknown>): Record<string, unknown>;
  /** Test connection: resolves when the system answers as configured, else throws a GroundworkError("bad_request") with a reason a person can act on. */
  check(input: { config: Config; ctx: ConnectorContext }): Promise<void>;
  /**
   * The changed items since `checkpoint` (null: from the start), in pages. Each page carries the
   * checkpoint that holds once the page is stored; resuming from it must never skip an item of a
   * later page. The last page's checkpoint is where the next incremental run starts. Items the
   * source reports as gone go in `deleted` (a 404/410 page, a file removed in a commit).
   */
  pull(input: { config: Config; checkpoint: Checkpoint | null; ctx: ConnectorContext }): AsyncIterable<PullPage>;
  /**
   * Every id the source holds now, as cheaply as the system allows (no content), for pruning.
   * null when the system cannot list (pruning then relies on `deleted` from pulls).
   */
  listIds(input: { config: Config; ctx: ConnectorContext }): Promise<string[] | null>;
  /**
   * The ACL-only pass: current access of stored items without reading their content. Omitted:
   * every item has the source's default access (`ctx.defaultAccess()`).
   */
  accessOf?(input: { config: Config; ids: string[]; ctx: ConnectorContext }): Promise<Map<string, ResolvedAccess>>;
  /**
   * The system's groups and their members (external identities), mirrored by the framework as
   * Groundwork groups owned by the source (`ctx.identities.mirrorGroups`). Called at the start of
   * sync and acl runs, before any item's access is resolved.
   */
  syncIdentities?(input: { config: Config; ctx: ConnectorContext }): Promise<ExternalGroup[]>;
  /**
   * After a sync run's batches committed, however the run ended (done, cancelled, failed): a kind
   * that keeps its own per-item state (the push inbox) records the run's outcomes there.
   */
  afterRun?(input: { runId: string; ctx: ConnectorContext }): Promise<void>;
  /**
   * Targeted syncs: the changed items named in `ids` only (a vendor's change notification), pulled
   * without moving the source's checkpoint. Omitted: a notification runs an incremental sync.
   */
  pullItems?(input: {
    config: Config;
    ids: string[];
    ctx: ConnectorContext;
  }): AsyncIterable<Omit<PullPage, "checkpoint">>;
  /**
   * A vendor change notification arriving at POST /api/hooks/sources/{id}, when the source has a
   * webhook secret. Checks the vendor's signature itself (`secret` is the source's webhook
   * secret); `rejected` answers the same uniform 404 as a wrong secret. Omitted: the framework's
   * own checks (Bearer, X-Hub-Signature-256, …) and an incremental sync.
   */
  receiveNotification?(input: {
    config: Config;
    secret: string;
    headers: Headers;
    url: URL;
    body: Uint8Array;
  }): Promise<NotificationOutcome>;
  /**
   * Registers (or renews) the vendor's change notifications for the source: a Microsoft Graph
   * subscription, a Drive push channel. Called by the sync tick for unpaused sources with a
   * webhook secret when `current` is null or close to expiring; `notificationUrl` is the public
   * origin + the source's hook path and `secret` the webhook secret the vendor echoes back
   * (clientState, channel token). Returns what to store (null: nothing to register); a throw is
   * logged and retried at the next tick — polling stays the safety net.
   */
  ensureNotifications?(input: {
    config: Config;
    ctx: ConnectorContext;
    notificationUrl: string;
    secret: string;
    current: NotificationRegistration | null;
    now: Date;
  }): Promise<NotificationRegistration | null>;
  /**
   * Seconds between permission-only (acl) runs a source of this kind gets by default. Kinds without
   * it get acl runs on a cadence only when the source sets a permission schedule (see sync-tick).
   */
  defaultPermissionEverySeconds?: number;
  /** Listing is as cheap as a pull (a folder walk): prune on every run instead of on the slower prune cadence. */
  pruneEachRun?: boolean;
  /** Seconds between runs a new source of this kind gets when the admin gives no schedule (undefined: manual). */
  defaultEverySeconds?: number;
};

export type SourceKind =
  | "folder"
  | "upload"
  | "web"
  | "git"
  | "sql"
  | "s3"
  | "push"
  | "confluence"
  | "sharepoint"
  | "google-drive"
  | "zendesk";

/**
 * A vendor notification registration as stored on the source (sources.notification_registration):
 * the vendor's id (subscription id, channel id), what it watches, when it lapses (ISO 8601), and
 * whatever else the connector needs to renew or stop it.
 */
export type NotificationRegistration = {
  id: string;
  resource: string;
  expiresAt: string;
  [key: string]: unknown;
};

/** What a change notification asks for. */
export type NotificationOutcome =
  /** Answered as is (a validation handshake: Microsoft Graph's validationToken, a Drive sync message). */
  | { kind: "respond"; status: number; contentType: string; body: string }
  /** A targeted sync of `ids` (null: an incremental sync); `aclOnly`: only their permissions changed. */
  | { kind: "changes"; ids: string[] | null; aclOnly?: boolean }
  /** A bad signature: the same 404 as an unknown source. */
  | { kind: "rejected" };

/**
 * Thrown by a connector when the system refuses its credentials for good (an OAuth refresh token
 * revoked or expired, an API token deleted): the source is marked "needs re-authorisation" (shown
 * in the console and CLI), its scheduled runs pause until its secrets are updated, and its
 * documents are kept, searchable as before.
 */
export class ReauthorizationError extends Error {
  override name = "ReauthorizationError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export const isReauthorizationError = (error: unknown): error is ReauthorizationError =>
  error instanceof Error && error.name === "ReauthorizationError";

/** Opaque, JSON-serialisable, owned by the connector (a cursor, a commit, a crawl frontier). */
export type Checkpoint = Record<string, unknown>;

export type PullPage = {
  items: SourceEntry[];
  /** Ids the source says are gone: their documents are deleted (history kept). */
  deleted?: string[];
  /** Holds once this page is stored. */
  checkpoint: Checkpoint;
};

export type ConnectorContext = {
  sourceId: string;
  sourceName: string;
  /** Decrypted secret fields (empty object when none are set). */
  secrets: Record<string, string>;
  /** The source's default ACL as stored (principals: groups, `user:<uuid>`), for items with no ACL of their own. */
  defaultAcl: string[];
  /** lowercased username → user id, for ACLs given as usernames (`.access.yaml`, an SQL acl column). */
  userIds: Map<string, string>;
  /** What the store holds of an item (live or deleted), for conditional requests: its version tag and connector metadata. */
  previous(id: string): { version: string | null; sourceMeta: Record<string, unknown> } | undefined;
  /**
   * The ids of the source's live stored documents, for a pull that sees the whole source and can
   * tell what it no longer holds (a completed crawl: stored pages it did not reach).
   */
  storedIds(): string[];
  /** Every refusal of a private address, redirect re-check, size and time bound for outgoing requests. */
  guard: NetworkGuard;
  /** Aborted when the run is cancelled or the worker shuts down: stop at the next page. */
  signal: AbortSignal;
  /** External identities (SaaS connectors): mirror the system's groups, resolve an item's grants to an ACL (deny by default). */
  identities: Identities;
  /** When the run is a targeted sync (a change notification), the ids it is about; null otherwise. */
  targetIds: string[] | null;
  /** Structured log (secrets are redacted by the logger). */
  log: (message: string, fields?: Record<string, unknown>) => void;
  /**
   * Groundwork's own database, for the one kind whose items are stored in it (push: the push
   * API's inbox table, owned by ingest). Every other connector reaches only its outside system.
   */
  db?: Database;
};

export type SourceItem = {
  /** Stable external id within the source; a document is identified by (source, id). A folder's is the relative path, "/" separated; a web page's its canonical URL. */
  id: string;
  /**
   * The name parsing goes by: its extension picks the parser (`index.html`, `row-42.md`,
   * `handbook.pdf`). Defaults to `id`.
   */
  filename?: string;
  /** Title when the source knows one better than the parser would find (an SQL title column). */
  title?: string;
  /** Where a person opens the item at its source (the page URL, the file at the commit). */
  url?: string;
  /** Size in bytes when known before reading (checked against the file limit); -1 when unknown. */
  size: number;
  /** When the item last changed, as the source reports it. */
  modifiedAt: Date | null;
  /**
   * The source's own version tag (ETag, Last-Modified, Git blob id, updated-column value), when it
   * has one: equal to the stored tag with unchanged access means unchanged, without reading or
   * hashing. A 304 from a conditional GET is reported by yielding the item with its stored tag.
   */
  version?: string | null;
  /** Connector data kept with the stored document and handed back through `ctx.previous` (the ETag, the links a page had). */
  sourceMeta?: Record<string, unknown>;
  /** SHA-256 (hex) of the content, as cheaply as the source can compute it (a file is streamed, not held). */
  hash(): Promise<string>;
  /** The content (the fetch handle: nothing is read until a changed item is prepared). */
  read(): Promise<Uint8Array>;
  /** The item's ACL, owner and tags; throws a FileError when access cannot be decided, so it never widens. */
  access(): Promise<ResolvedAccess>;
};

/** An item the source knows of but cannot offer (a refused symlink, a page that answered 500): it fails with the reason, the run goes on. */
export type SourceEntry = SourceItem | { id: string; error: string };

export const isReadable = (entry: SourceEntry): entry is SourceItem => !("error" in entry);

/** The default page size connectors cut their pulls into (a page is also the checkpoint unit). */
export const PULL_PAGE_SIZE = 64;
