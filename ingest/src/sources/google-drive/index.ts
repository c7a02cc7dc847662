import { createHash, randomUUID } from "node:crypto";
import type { drive_v3 } from "@googleapis/drive";
import { FileError } from "../../document-model";
import { readIngestEnv } from "../../env";
import { acceptsFile } from "../../parse/registry";
import type { ResolvedAccess } from "../access-rules";
import {
  isReadable,
  PULL_PAGE_SIZE,
  type Checkpoint,
  type Connector,
  type ConnectorContext,
  type PullPage,
  type SourceEntry,
} from "../connector";
import type { ExternalGroup, ExternalPrincipal } from "../external-access";
import { googleDriveConfigSchema, type GoogleDriveConfig } from "./config";
import { receiveDriveNotification } from "./drive-notifications";
import { principalsOfDirectoryMembers, principalsOfDrivePermissions, type DrivePermission } from "./drive-permissions";
import { openGoogle, reasonOf, type GoogleSession } from "./google-session";

export { googleDriveConfigSchema, type GoogleDriveConfig } from "./config";

/**
 * Google Drive: My Drive (files the account owns or that are shared with it, externally owned
 * ones included) and, with --shared-drives, every shared drive it is a member of.
 *
 * Items: each file in a format we parse, id the Drive file id. Google Docs, Sheets and Slides
 * have no bytes of their own: they are exported (`files.export`) as DOCX, CSV (the first sheet,
 * as Drive exports it) and PDF, and parsed as such. Version: a blob's md5Checksum (content only),
 * a native file's modifiedTime.
 *
 * Changes: the first run takes `changes.getStartPageToken` *before* listing (so nothing changed
 * during the listing is lost), lists every file (`files.list` pages; a resumed run goes on from
 * the listing's page token), then keeps the start token as the cursor; later runs read
 * `changes.list` from it (removed and trashed files are deletions) and store `newStartPageToken`.
 * A sharing change is a change of the file (and of the files under a shared folder), so it
 * reaches a sync run as an ACL-only update.
 *
 * Access: each file's permissions (`permissions.list`, inherited ones included) → external
 * principals → `ctx.identities.resolve`. An externally owned file whose permissions the account
 * may not list is readable by the account itself only — never wider. Groups: the Directory API's
 * groups and members (`--sync-groups`), keyed by the group's e-mail as Drive names them.
 */
const FOLDER = "application/vnd.google-apps.folder";
const EXPORTS: Record<string, { mimeType: string; extension: string }> = {
  "application/vnd.google-apps.document": {
    mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: ".docx",
  },
  "application/vnd.google-apps.spreadsheet": { mimeType: "text/csv", extension: ".csv" },
  "application/vnd.google-apps.presentation": { mimeType: "application/pdf", extension: ".pdf" },
};
/** 403 reasons about one file, not the account (https://developers.google.com/workspace/drive/api/guides/handle-errors). */
const FILE_REFUSALS = new Set([
  "exportSizeLimitExceeded",
  "cannotExportFile",
  "fileNotExportable",
  "cannotDownloadFile",
  "fileNotDownloadable",
]);
const FILE_FIELDS =
  "id,name,mimeType,size,modifiedTime,md5Checksum,webViewLink,owners(emailAddress,displayName),driveId,trashed";
const PERMISSION_FIELDS =
  "nextPageToken,permissions(id,type,role,emailAddress,domain,allowFileDiscovery,deleted,expirationTime,permissionDetails)";

type DriveCheckpoint =
  { phase: "list"; startPageToken: string; listPageToken?: string } | { phase: "changes"; pageToken: string };

type Runtime = {
  google: GoogleSession;
  config: GoogleDriveConfig;
  ctx: ConnectorContext;
  maxBytes: number;
  unstructured: boolean;
  /** The Workspace domain whose domain-wide shares are the organisation's. */
  domain: string | undefined;
};

/** For tests: the first wait of the rate-limit backoff (production: 1 s, as Drive's error guide asks). */
export const driveTiming = { backoffMs: 1000 };

function runtime(config: GoogleDriveConfig, ctx: ConnectorContext): Runtime {
  const env = readIngestEnv();
  // Unset --domain with a delegated subject: the subject's own domain is the organisation's (a
  // service account acts inside one Workspace). An OAuth user's domain is not assumed: a personal
  // account's "domain" would be gmail.com.
  const domain = config.domain ?? config.subject?.split("@")[1]?.toLowerCase();
  return {
    google: openGoogle({ config, ctx, maxBytes: env.maxFileBytes, backoffMs: driveTiming.backoffMs }),
    config,
    ctx,
    maxBytes: env.maxFileBytes,
    unstructured: env.unstructured !== null,
    domain,
  };
}

const drives = (config: GoogleDriveConfig) => ({
  supportsAllDrives: true,
  includeItemsFromAllDrives: config.sharedDrives,
});

function filenameOf(file: drive_v3.Schema$File): string | null {
  const name = file.name ?? file.id ?? "untitled";
  if (file.mimeType?.startsWith("application/vnd.google-apps.")) {
    const format = EXPORTS[file.mimeType];
    return format ? `${name}${format.extension}` : null;
  }
  return name;
}

function wanted(rt: Runtime, file: drive_v3.Schema$File): boolean {
  if (!file.id || file.trashed || file.mimeType === FOLDER) return false;
  const name = filenameOf(file);
  return name !== null && acceptsFile(name, { unstructured: rt.unstructured });
}

async function listPermissions(rt: Runtime, fileId: string): Promise<DrivePermission[]> {
  const out: DrivePermission[] = [];
  let pageToken: string | undefined;
  do {
    const token = pageToken;
    const { data }: { data: drive_v3.Schema$PermissionList } = await rt.google.retrying(() =>
      rt.google.drive.permissions.list({
        fileId,
        supportsAllDrives: true,
        fields: PERMISSION_FIELDS,
        pageSize: 100,
        ...(token ? { pageToken: token } : {}),
      }),
    );
    out.push(...((data.permissions ?? []) as DrivePermission[]));
    pageToken = data.nextPageToken ?? undefined;
  } while (pageToken);
  return out;
}

/** The file's grants; an externally owned file whose sharing we may not see: the account that sees it, only. */
async function grantsOf(rt: Runtime, fileId: string): Promise<ExternalPrincipal[]> {
  try {
    return principalsOfDrivePermissions({ permissions: await listPermissions(rt, fileId), domain: rt.domain });
  } catch (error) {
    const { status, reason } = reasonOf(error);
    if (status === 404 || reason === "notFound")
      throw new FileError(`Drive file ${fileId} is gone (deleted or unshared).`, { cause: error });
    if (status !== 403 || (reason !== "insufficientFilePermissions" && reason !== "forbidden"))
      throw rt.google.explain(`the sharing of file ${fileId}`, error);
    const viewer = await rt.google.viewer();
    return viewer ? [{ kind: "user", externalId: `viewer:${viewer}`, email: viewer }] : [];
  }
}

async function resolve(rt: Runtime, grants: ExternalPrincipal[], owner: string | null): Promise<ResolvedAccess> {
  const access = await rt.ctx.identities.resolve(grants);
  return { ...access, owner: access.owner ?? owner };
}

function fileEntry(rt: Runtime, file: drive_v3.Schema$File): SourceEntry {
  const id = file.id!;
  const filename = filenameOf(file)!;
  const exported = file.mimeType ? EXPORTS[file.mimeType] : undefined;
  const size = file.size ? Number(file.size) : -1;
  if (size > rt.maxBytes) return { id, error: `${filename} is too large (${size} bytes, limit ${rt.maxBytes}).` };
  let bytes: Promise<Uint8Array> | null = null;
  const read = () =>
    (bytes ??= (async () => {
      let response: { data: unknown };
      try {
        response = await rt.google.retrying(() =>
          exported
            ? rt.google.drive.files.export({ fileId: id, mimeType: exported.mimeType }, { responseType: "arraybuffer" })
            : rt.google.drive.files.get(
                { fileId: id, alt: "media", supportsAllDrives: true },
                { responseType: "arraybuffer" },
              ),
        );
      } catch (error) {
        // This file only (gone, too large to export, download disabled by its owner): it fails, the run goes on.
        const { status, reason } = reasonOf(error);
        if (status === 404) throw new FileError(`${filename} is gone from Drive.`, { cause: error });
        if (status === 403 && reason && FILE_REFUSALS.has(reason))
          throw new FileError(`Google Drive will not hand out ${filename} (${reason}).`, { cause: error });
        throw rt.google.explain(`file ${filename}`, error);
      }
      const data = new Uint8Array(response.data as ArrayBuffer);
      if (data.byteLength > rt.maxBytes)
        throw new FileError(`${filename} is too large (${data.byteLength} bytes, limit ${rt.maxBytes}).`);
      return data;
    })().catch((error: unknown) => {
      bytes = null;
      throw error;
    }));
  const owner = file.owners?.[0];
  let access: Promise<ResolvedAccess> | null = null;
  return {
    id,
    filename,
    ...(exported ? { title: file.name ?? filename } : {}),
    ...(file.webViewLink ? { url: file.webViewLink } : {}),
    size: exported ? -1 : size,
    modifiedAt: file.modifiedTime ? new Date(file.modifiedTime) : null,
    version: file.md5Checksum ?? file.modifiedTime ?? null,
    sourceMeta: {
      mimeType: file.mimeType ?? null,
      driveId: file.driveId ?? null,
      ownerEmail: owner?.emailAddress ?? null,
    },
    async hash() {
      return createHash("sha256")
        .update(await read())
        .digest("hex");
    },
    read,
    access: () =>
      (access ??= grantsOf(rt, id)
        .then((grants) => resolve(rt, grants, owner?.emailAddress ?? owner?.displayName ?? null))
        .catch((error: unknown) => {
          access = null;
          throw error;
        })),
  };
}

async function* listFiles(
  rt: Runtime,
  pageToken?: string,
): AsyncGenerator<{ files: drive_v3.Schema$File[]; next: string | undefined }> {
  let token = pageToken;
  for (;;) {
    const { data }: { data: drive_v3.Schema$FileList } = await rt.google.call("the file listing", () =>
      rt.google.drive.files.list({
        ...drives(rt.config),
        corpora: rt.config.sharedDrives ? "allDrives" : "user",
        q: `trashed = false and mimeType != '${FOLDER}'`,
        fields: `nextPageToken,files(${FILE_FIELDS})`,
        pageSize: 100,
        ...(token ? { pageToken: token } : {}),
      }),
    );
    const next = data.nextPageToken ?? undefined;
    yield { files: data.files ?? [], next };
    if (!next) return;
    if (next === token) throw new Error("Google Drive sent the same listing page token twice.");
    token = next;
  }
}

/**
 * Every wanted file below a folder (subfolders walked breadth-first), a page of them at a time;
 * `trashed`: below a folder just trashed, every file (Drive trashes them with it), to delete.
 */
async function* filesUnder(
  rt: Runtime,
  folderId: string,
  { trashed = false }: { trashed?: boolean } = {},
): AsyncGenerator<drive_v3.Schema$File[]> {
  const folders = [folderId];
  const seen = new Set(folders);
  for (let folder = folders.shift(); folder !== undefined; folder = folders.shift()) {
    let token: string | undefined;
    do {
      const pageToken = token;
      const { data }: { data: drive_v3.Schema$FileList } = await rt.google.call("the files of a folder", () =>
        rt.google.drive.files.list({
          ...drives(rt.config),
          corpora: rt.config.sharedDrives ? "allDrives" : "user",
          q: `'${folder.replace(/['\\]/g, "\\$&")}' in parents${trashed ? "" : " and trashed = false"}`,
          fields: `nextPageToken,files(${FILE_FIELDS})`,
          pageSize: 100,
          ...(pageToken ? { pageToken } : {}),
        }),
      );
      const files = data.files ?? [];
      for (const f of files) {
        if (f.mimeType !== FOLDER || !f.id || seen.has(f.id)) continue;
        seen.add(f.id);
        folders.push(f.id);
      }
      yield files.filter((f) => (trashed ? f.id && f.mimeType !== FOLDER : wanted(rt, f)));
      token = data.nextPageToken ?? undefined;
      if (token && token === pageToken) throw new Error("Google Drive sent the same listing page token twice.");
    } while (token);
  }
}

/**
 * Starts the permission lookups of a page's items, eight at a time, while the run hashes and
 * reads them: every item's access is asked for (an unchanged version still needs its current
 * ACL), and one at a time a first sync is bound by permissions.list round trips. A failure is
 * left for the run's own access() call to meet (and report) again.
 */
function prefetchAccess(entries: SourceEntry[]): void {
  void pool(entries.filter(isReadable), 8, async (item) => {
    await item.access().catch(() => undefined);
  });
}

function readCheckpoint(checkpoint: Checkpoint | null): DriveCheckpoint | null {
  if (checkpoint?.phase === "changes" && typeof checkpoint.pageToken === "string")
    return { phase: "changes", pageToken: checkpoint.pageToken };
  if (checkpoint?.phase === "list" && typeof checkpoint.startPageToken === "string")
    return {
      phase: "list",
      startPageToken: checkpoint.startPageToken,
      ...(typeof checkpoint.listPageToken === "string" ? { listPageToken: checkpoint.listPageToken } : {}),
    };
  return null;
}

async function pool<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await run(next);
    }),
  );
}

/**
 * Opens a push channel on the account's changes (`changes.watch`,
 * https://developers.google.com/workspace/drive/api/guides/push): Drive POSTs to `address` (the
 * source's hook) with `token` — the source's webhook secret — in X-Goog-Channel-Token, which
 * `receiveNotification` checks. Channels expire (at most a week for changes): reopen before
 * `expiration`.
 */
export async function watchDriveChanges({
  config,
  ctx,
  address,
  token,
  channelId = randomUUID(),
  expiration,
}: {
  config: GoogleDriveConfig;
  ctx: ConnectorContext;
  address: string;
  token: string;
  channelId?: string;
  /** When the channel should end (Drive caps a changes channel at a week; default: an hour). */
  expiration?: Date;
}): Promise<{ channelId: string; resourceId: string; expiration: Date | null }> {
  const rt = runtime(config, ctx);
  const start = await rt.google.call("the changes cursor", () =>
    rt.google.drive.changes.getStartPageToken({ supportsAllDrives: true }),
  );
  const { data } = await rt.google.call("a changes channel (changes.watch)", () =>
    rt.google.drive.changes.watch({
      ...drives(config),
      pageToken: start.data.startPageToken!,
      requestBody: {
        id: channelId,
        type: "web_hook",
        address,
        token,
        ...(expiration ? { expiration: String(expiration.getTime()) } : {}),
      },
    }),
  );
  return {
    channelId: data.id ?? channelId,
    resourceId: data.resourceId ?? "",
    expiration: data.expiration ? new Date(Number(data.expiration)) : null,
  };
}

/** Stops a push channel (`channels.stop`, https://developers.google.com/workspace/drive/api/reference/rest/v3/channels/stop). */
export async function stopDriveChannel({
  config,
  ctx,
  channelId,
  resourceId,
}: {
  config: GoogleDriveConfig;
  ctx: ConnectorContext;
  channelId: string;
  resourceId: string;
}): Promise<void> {
  const rt = runtime(config, ctx);
  await rt.google.call("stopping a changes channel (channels.stop)", () =>
    rt.google.drive.channels.stop({ requestBody: { id: channelId, resourceId } }),
  );
}

/** The longest a changes channel lives (https://developers.google.com/workspace/drive/api/guides/push: a week). */
export const DRIVE_CHANNEL_MS = 7 * 24 * 3600_000;

export const googleDriveConnector: Connector<GoogleDriveConfig> = {
  kind: "google-drive",
  label: "Google Drive",
  configSchema: googleDriveConfigSchema,
  defaultEverySeconds: 3600,
  defaultPermissionEverySeconds: 5 * 60,

  async check({ config, ctx }) {
    const rt = runtime(config, ctx);
    await rt.google.call("the account (about)", () => rt.google.drive.about.get({ fields: "user(emailAddress)" }));
    await rt.google.call("the file listing", () =>
      rt.google.drive.files.list({
        ...drives(config),
        corpora: config.sharedDrives ? "allDrives" : "user",
        pageSize: 1,
        fields: "files(id)",
      }),
    );
    await rt.google.call("the changes cursor", () =>
      rt.google.drive.changes.getStartPageToken({ supportsAllDrives: true }),
    );
    if (config.syncGroups)
      await rt.google.call("groups (Directory API)", () =>
        rt.google.directory.groups.list({ customer: config.customer, maxResults: 1 }),
      );
  },

  async *pull({ config, checkpoint, ctx }): AsyncIterable<PullPage> {
    const rt = runtime(config, ctx);
    const state = readCheckpoint(checkpoint);
    if (state === null || state.phase === "list") {
      const startPageToken =
        state?.startPageToken ??
        (
          await rt.google.call("the changes cursor", () =>
            rt.google.drive.changes.getStartPageToken({ supportsAllDrives: true }),
          )
        ).data.startPageToken!;
      for await (const { files, next } of listFiles(rt, state?.listPageToken)) {
        const items = files.filter((f) => wanted(rt, f)).map((f) => fileEntry(rt, f));
        prefetchAccess(items);
        yield {
          items,
          checkpoint: next
            ? { phase: "list", startPageToken, listPageToken: next }
            : { phase: "changes", pageToken: startPageToken },
        };
        if (ctx.signal.aborted) return;
      }
      return;
    }
    let pageToken = state.pageToken;
    for (;;) {
      const { data }: { data: drive_v3.Schema$ChangeList } = await rt.google.call("changes", () =>
        rt.google.drive.changes.list({
          ...drives(config),
          pageToken,
          includeRemoved: true,
          pageSize: PULL_PAGE_SIZE,
          fields: `nextPageToken,newStartPageToken,changes(changeType,fileId,removed,file(${FILE_FIELDS}))`,
        }),
      );
      const byId = new Map<string, SourceEntry>();
      const deleted = new Set<string>();
      for (const change of data.changes ?? []) {
        if (change.changeType === "drive" || !change.fileId) continue;
        if (change.removed || change.file?.trashed) {
          deleted.add(change.fileId);
          byId.delete(change.fileId);
          // A trashed folder takes its files with it; Drive does not promise a change for each.
          // (A folder that was unshared from the account cannot be listed: pruning removes its files.)
          if (change.file?.trashed && change.file.mimeType === FOLDER)
            for await (const files of filesUnder(rt, change.fileId, { trashed: true }))
              for (const f of files) {
                deleted.add(f.id!);
                byId.delete(f.id!);
              }
        } else if (change.file?.mimeType === FOLDER) {
          // A folder's sharing changed (or it moved): every file below it inherits that, and Drive
          // does not promise a change entry for each of them, so they are re-read here — with
          // unchanged versions they reach the store as ACL-only updates (no re-embedding).
          for await (const files of filesUnder(rt, change.fileId))
            for (const f of files) if (!deleted.has(f.id!)) byId.set(f.id!, fileEntry(rt, f));
        } else if (change.file && wanted(rt, change.file)) {
          deleted.delete(change.fileId);
          byId.set(change.fileId, fileEntry(rt, change.file));
        }
      }
      const items = [...byId.values()];
      prefetchAccess(items);
      const next = data.nextPageToken ?? undefined;
      const cursor = next ?? data.newStartPageToken ?? pageToken;
      yield {
        items,
        ...(deleted.size ? { deleted: [...deleted] } : {}),
        checkpoint: { phase: "changes", pageToken: cursor },
      };
      if (!next || ctx.signal.aborted) return;
      if (next === pageToken) throw new Error("Google Drive sent the same changes page token twice.");
      pageToken = next;
    }
  },

  async *pullItems({ config, ids, ctx }) {
    const rt = runtime(config, ctx);
    const items: SourceEntry[] = [];
    const deleted: string[] = [];
    for (const fileId of ids) {
      try {
        const { data } = await rt.google.retrying(() =>
          rt.google.drive.files.get({ fileId, supportsAllDrives: true, fields: FILE_FIELDS }),
        );
        if (wanted(rt, data)) items.push(fileEntry(rt, data));
        else if (data.mimeType === FOLDER && !data.trashed)
          for await (const files of filesUnder(rt, fileId)) items.push(...files.map((f) => fileEntry(rt, f)));
        else deleted.push(fileId);
      } catch (error) {
        if (reasonOf(error).status === 404) deleted.push(fileId);
        else throw rt.google.explain(`file ${fileId}`, error);
      }
    }
    yield { items, ...(deleted.length ? { deleted } : {}) };
  },

  async listIds({ config, ctx }) {
    const rt = runtime(config, ctx);
    const ids: string[] = [];
    for await (const { files } of listFiles(rt)) for (const f of files) if (wanted(rt, f)) ids.push(f.id!);
    return ids;
  },

  async accessOf({ config, ids, ctx }) {
    const rt = runtime(config, ctx);
    const out = new Map<string, ResolvedAccess>();
    // Eight permission lists at a time: a permission sync of many files is request-bound.
    await pool(ids, 8, async (id) => {
      try {
        const owner = ctx.previous(id)?.sourceMeta.ownerEmail;
        out.set(id, await resolve(rt, await grantsOf(rt, id), typeof owner === "string" ? owner : null));
      } catch (error) {
        // Gone at the source: nobody may read it until the next sync deletes it.
        if (error instanceof FileError) out.set(id, { acl: [], owner: null, tags: [] });
        else throw error;
      }
    });
    return out;
  },

  async syncIdentities({ config, ctx }) {
    if (!config.syncGroups) return [];
    const rt = runtime(config, ctx);
    const groups: ExternalGroup[] = [];
    let pageToken: string | undefined;
    do {
      const { data } = await rt.google.call("groups (Directory API)", () =>
        rt.google.directory.groups.list({
          customer: config.customer,
          maxResults: 200,
          ...(pageToken ? { pageToken } : {}),
        }),
      );
      for (const group of data.groups ?? []) {
        if (!group.id || !group.email) continue;
        const members: ExternalGroup["members"] = [];
        let memberToken: string | undefined;
        do {
          const page = await rt.google.call(`members of ${group.email}`, () =>
            rt.google.directory.members.list({
              groupKey: group.id!,
              maxResults: 200,
              ...(memberToken ? { pageToken: memberToken } : {}),
            }),
          );
          members.push(...principalsOfDirectoryMembers(page.data.members ?? []));
          memberToken = page.data.nextPageToken ?? undefined;
        } while (memberToken);
        groups.push({ externalId: group.email.toLowerCase(), name: group.name ?? group.email, members });
      }
      pageToken = data.nextPageToken ?? undefined;
    } while (pageToken);
    return groups;
  },

  async receiveNotification({ secret, headers }) {
    return receiveDriveNotification({ secret, headers });
  },

  // Channels cannot be renewed: a new one is opened, then the old one stopped, so no change falls
  // between them (a message on both is one more incremental sync, which finds nothing new).
  async ensureNotifications({ config, ctx, notificationUrl, secret, current, now }) {
    const channel = await watchDriveChanges({
      config,
      ctx,
      address: notificationUrl,
      token: secret,
      // Asked a minute short of the cap: Drive refuses an expiration past it by its own clock.
      expiration: new Date(now.getTime() + DRIVE_CHANNEL_MS - 60_000),
    });
    if (current && current.id !== channel.channelId) {
      try {
        await stopDriveChannel({ config, ctx, channelId: current.id, resourceId: current.resource });
      } catch (error) {
        // Already expired or stopped: it sends nothing more either way.
        ctx.log("stopping the previous changes channel failed", {
          channel: current.id,
          error: (error as Error).message,
        });
      }
    }
    return {
      id: channel.channelId,
      resource: channel.resourceId,
      expiresAt: (channel.expiration ?? new Date(now.getTime() + 3600_000)).toISOString(),
    };
  },
};
