import { createHash, generateKeyPairSync, randomUUID, verify } from "node:crypto";
import type http from "node:http";
import { createThrottle, listenLoopback, readBody } from "./vendor-http";
import type { DrivePermission } from "../sources/google-drive/drive-permissions";

/**
 * An in-suite Google Drive v3 + Admin SDK Directory + OAuth 2.0 token endpoint on loopback,
 * with the wire format of the calls the Google Drive connector makes, per Google's reference:
 * service-account JWT grants (RS256 assertion verified against the key it issued, `sub`
 * impersonation, scopes checked against what the "admin" delegated → `unauthorized_client`),
 * refresh-token grants (`invalid_grant` when revoked), `files.list` / `changes.list` page tokens
 * with `newStartPageToken`, `changes.getStartPageToken`, `files.get?alt=media`, `files.export`,
 * `permissions.list` (inherited folder and shared-drive permissions with `permissionDetails`,
 * 403 `insufficientFilePermissions` on an externally owned file), `about`, Directory groups and
 * members, 401 `authError` for an expired token, 429 with Retry-After.
 * https://developers.google.com/workspace/drive/api/reference/rest/v3
 */
export type DriveFileInput = {
  name: string;
  mimeType?: string;
  content?: string | Uint8Array;
  /** Google-native files: the bytes `files.export` answers per MIME type. */
  exports?: Record<string, Uint8Array | string>;
  parentId?: string;
  driveId?: string;
  permissions?: DrivePermission[];
  owner?: string;
  /** An externally owned file the account may read but not list the sharing of. */
  permissionsHidden?: boolean;
  /** A Google Doc past Drive's export size limit (403 exportSizeLimitExceeded). */
  exportTooLarge?: boolean;
};
type DriveFile = Required<Pick<DriveFileInput, "name" | "mimeType">> &
  Omit<DriveFileInput, "content" | "exports"> & {
    id: string;
    content: Buffer;
    exports: Record<string, Buffer>;
    version: number;
    changedAt: number;
    trashed: boolean;
    gone: boolean;
    permissions: DrivePermission[];
  };
type Group = {
  id: string;
  email: string;
  name: string;
  members: { type: "USER" | "GROUP"; id: string; email: string | null }[];
};

export const FOLDER_MIME = "application/vnd.google-apps.folder";

export type TestDriveServer = {
  origin: string;
  serviceAccountKey: string;
  subject: string;
  oauth: { clientId: string; clientSecret: string; refreshToken: string };
  /** Config for a google-drive source (service account by default). */
  config(extra?: Record<string, unknown>): Record<string, unknown>;
  requests: { method: string; path: string; query: URLSearchParams }[];
  delegatedScopes: Set<string>;
  pageSize: number;
  addFile(input: DriveFileInput): string;
  addFolder(input: { name: string; parentId?: string; driveId?: string; permissions?: DrivePermission[] }): string;
  updateFile(id: string, input: { content?: string | Uint8Array; exports?: Record<string, Uint8Array | string> }): void;
  /** Replaces a file's or folder's own permissions (a folder's reach every file below it). */
  setPermissions(id: string, permissions: DrivePermission[]): void;
  trash(id: string): void;
  /** Permanently removed, or unshared from the account: changes.list reports `removed`. */
  remove(id: string): void;
  setGroups(groups: Group[]): void;
  /** A shared drive's members (every file in it lists them as inherited "member" permissions). */
  setDriveMembers(driveId: string, members: DrivePermission[]): void;
  expireTokens(): void;
  revokeKey(): void;
  revokeRefreshToken(): void;
  /** The next `count` API calls are refused: 429 with Retry-After `seconds`, or (status 403) Drive's userRateLimitExceeded without one. */
  throttle(count: number, seconds: number, options?: { status?: 429 | 403 }): void;
  /** Token endpoint requests answered so far. */
  tokenRequests(): number;
  /** Channels opened with changes.watch. */
  channels: {
    id: string;
    address: string;
    token: string | null;
    resourceId: string;
    pageToken: string;
    /** Milliseconds since the epoch, as Drive answers it. */
    expiration: number;
    stopped: boolean;
  }[];
  /** The next `count` changes.watch calls are refused (400 push.webhookUrlNotHttps). */
  refuseChannels(count: number): void;
  /** Drive's push message for a channel, as Drive would POST it (headers per the push guide). */
  notification(channelId: string, state: "sync" | "change", token?: string): { headers: Headers; body: Uint8Array };
  close(): Promise<void>;
};

const googleError = (
  res: http.ServerResponse,
  status: number,
  reason: string,
  message: string,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
  res.end(JSON.stringify({ error: { code: status, message, errors: [{ message, domain: "global", reason }] } }));
};
const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  res.end(JSON.stringify(body));
};
const b64url = (s: string) => Buffer.from(s, "base64url");

export async function startDriveServer({
  pageSize = 100,
  domain = "example.com",
}: { pageSize?: number; domain?: string } = {}): Promise<TestDriveServer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const clientEmail = `groundwork-reader@project-test.iam.gserviceaccount.com`;
  const subject = `drive-admin@${domain}`;
  const keyId = randomUUID().replace(/-/g, "");
  const serviceAccountKey = JSON.stringify({
    type: "service_account",
    project_id: "project-test",
    private_key_id: keyId,
    private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    client_email: clientEmail,
    client_id: "104857600000000000000",
    token_uri: "https://oauth2.googleapis.com/token",
  });
  const oauth = {
    clientId: "client-123.apps.googleusercontent.com",
    clientSecret: `GOCSPX-${randomUUID()}`,
    refreshToken: `1//${randomUUID()}`,
  };
  const delegatedScopes = new Set([
    "https://www.googleapis.com/auth/drive.readonly",
    "https://www.googleapis.com/auth/admin.directory.group.readonly",
    "https://www.googleapis.com/auth/admin.directory.group.member.readonly",
  ]);
  const tokens = new Map<string, { viewer: string; scopes: string[] }>();
  let keyRevoked = false;
  let refreshRevoked = false;
  const throttle = createThrottle();
  let throttleStatus: 429 | 403 = 429;
  let tokenCount = 0;
  const channels: TestDriveServer["channels"] = [];
  let channelRefusals = 0;
  const messageNumbers = new Map<string, number>();
  let seq = 1;
  const files = new Map<string, DriveFile>();
  let groups: Group[] = [];
  const driveMembers = new Map<string, DrivePermission[]>();
  const requests: TestDriveServer["requests"] = [];
  const state = { pageSize };
  let origin = "";

  const ancestors = (file: DriveFile): DriveFile[] => {
    const out: DriveFile[] = [];
    for (
      let p = file.parentId ? files.get(file.parentId) : undefined;
      p;
      p = p.parentId ? files.get(p.parentId) : undefined
    )
      out.push(p);
    return out;
  };
  /**
   * The permissions a file answers with: its own, its folders' (inherited: true), and in a shared
   * drive its members' (permissionType "member"); `inheritedFrom` is only given in shared drives,
   * as the Permission reference says.
   */
  const effective = (file: DriveFile): DrivePermission[] => {
    const detail = (p: DrivePermission, permissionType: string, from: string | null) => ({
      ...p,
      permissionDetails: [
        {
          permissionType,
          role: p.role ?? "reader",
          inherited: from !== null,
          ...(from !== null && file.driveId ? { inheritedFrom: from } : {}),
        },
      ],
    });
    const own = file.permissions.map((p) => detail(p, "file", null));
    const inherited = ancestors(file).flatMap((a) => a.permissions.map((p) => detail(p, "file", a.id)));
    const members = file.driveId
      ? (driveMembers.get(file.driveId) ?? []).map((p) => detail(p, "member", file.driveId!))
      : [];
    return [...own, ...inherited, ...members].map((p) => ({ kind: "drive#permission", ...p }));
  };
  // A file in a trashed folder is trashed with it (trashed: true, explicitlyTrashed: false).
  const isTrashed = (f: DriveFile) => f.trashed || ancestors(f).some((a) => a.trashed);
  const fileJson = (f: DriveFile) => ({
    kind: "drive#file",
    id: f.id,
    name: f.name,
    mimeType: f.mimeType,
    trashed: isTrashed(f),
    explicitlyTrashed: f.trashed,
    // Content time only: Drive leaves modifiedTime alone when sharing changes.
    modifiedTime: new Date(Date.UTC(2026, 0, 1) + f.version * 60_000).toISOString(),
    webViewLink: `https://docs.google.com/file/d/${f.id}/view`,
    owners: [{ kind: "drive#user", displayName: f.owner ?? subject, emailAddress: f.owner ?? subject, me: !f.owner }],
    ...(f.driveId ? { driveId: f.driveId } : {}),
    ...(f.mimeType.startsWith("application/vnd.google-apps.")
      ? {}
      : { size: String(f.content.byteLength), md5Checksum: createHash("md5").update(f.content).digest("hex") }),
  });

  const listener = await listenLoopback({
    handler: async (req, res) => {
      const url = new URL(req.url ?? "/", origin);
      requests.push({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams });
      if (url.pathname === "/token" && req.method === "POST") {
        tokenCount++;
        const form = new URLSearchParams(await readBody(req));
        if (form.get("grant_type") === "urn:ietf:params:oauth:grant-type:jwt-bearer") {
          const [h, p, sig] = (form.get("assertion") ?? "").split(".");
          const signed =
            Boolean(h && p && sig) && verify("RSA-SHA256", Buffer.from(`${h}.${p}`), publicKey, b64url(sig!));
          const claims = signed
            ? (JSON.parse(b64url(p!).toString()) as { iss?: string; sub?: string; scope?: string; aud?: string })
            : {};
          if (!signed || keyRevoked || claims.iss !== clientEmail)
            return json(res, 400, { error: "invalid_grant", error_description: "Invalid JWT Signature." });
          if (claims.sub !== subject)
            return json(res, 400, { error: "invalid_grant", error_description: "Invalid email or User ID" });
          const scopes = (claims.scope ?? "").split(" ").filter(Boolean);
          if (!scopes.length || scopes.some((s) => !delegatedScopes.has(s)))
            return json(res, 401, {
              error: "unauthorized_client",
              error_description:
                "Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.",
            });
          const token = `ya29.${randomUUID()}`;
          tokens.set(token, { viewer: subject, scopes });
          return json(res, 200, { access_token: token, expires_in: 3599, token_type: "Bearer" });
        }
        if (form.get("grant_type") === "refresh_token") {
          if (form.get("client_id") !== oauth.clientId || form.get("client_secret") !== oauth.clientSecret)
            return json(res, 401, { error: "invalid_client", error_description: "The OAuth client was not found." });
          if (refreshRevoked || form.get("refresh_token") !== oauth.refreshToken)
            return json(res, 400, { error: "invalid_grant", error_description: "Token has been expired or revoked." });
          const token = `ya29.${randomUUID()}`;
          tokens.set(token, { viewer: subject, scopes: ["https://www.googleapis.com/auth/drive.readonly"] });
          return json(res, 200, {
            access_token: token,
            expires_in: 3599,
            scope: "https://www.googleapis.com/auth/drive.readonly",
            token_type: "Bearer",
          });
        }
        return json(res, 400, { error: "unsupported_grant_type", error_description: "Invalid grant_type." });
      }
      const wait = throttle.take();
      if (wait !== null) {
        // https://developers.google.com/workspace/drive/api/guides/handle-errors: 403
        // userRateLimitExceeded (no Retry-After: back off exponentially), 429 rateLimitExceeded.
        if (throttleStatus === 403) return googleError(res, 403, "userRateLimitExceeded", "User Rate Limit Exceeded");
        return googleError(res, 429, "rateLimitExceeded", "Rate Limit Exceeded", { "retry-after": String(wait) });
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      const session = bearer ? tokens.get(bearer) : undefined;
      if (!session)
        return googleError(
          res,
          401,
          "authError",
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
        );
      const q = url.searchParams;
      const page = <T>(all: T[], key: string, extra: Record<string, unknown> = {}) => {
        const size = Math.min(Number(q.get("pageSize") ?? q.get("maxResults") ?? state.pageSize), state.pageSize);
        const start = Number(q.get("pageToken") ?? 0);
        const more = start + size < all.length;
        return json(res, 200, {
          ...extra,
          [key]: all.slice(start, start + size),
          ...(more ? { nextPageToken: String(start + size) } : {}),
        });
      };
      let m: RegExpExecArray | null;
      if (url.pathname.startsWith("/admin/directory/v1/")) {
        if (!session.scopes.includes("https://www.googleapis.com/auth/admin.directory.group.readonly"))
          return googleError(res, 403, "forbidden", "Request had insufficient authentication scopes.");
        if (url.pathname === "/admin/directory/v1/groups")
          return page(
            groups.map((g) => ({ kind: "admin#directory#group", id: g.id, email: g.email, name: g.name })),
            "groups",
            { kind: "admin#directory#groups" },
          );
        if ((m = /^\/admin\/directory\/v1\/groups\/([^/]+)\/members$/.exec(url.pathname))) {
          const g = groups.find((x) => x.id === decodeURIComponent(m![1]!) || x.email === decodeURIComponent(m![1]!));
          if (!g) return googleError(res, 404, "notFound", "Resource Not Found: groupKey");
          return page(
            g.members.map((x) => ({
              kind: "admin#directory#member",
              id: x.id,
              ...(x.email ? { email: x.email } : {}),
              role: "MEMBER",
              type: x.type,
              status: "ACTIVE",
            })),
            "members",
            { kind: "admin#directory#members" },
          );
        }
      }
      if (url.pathname === "/drive/v3/about")
        return json(res, 200, { user: { kind: "drive#user", emailAddress: session.viewer } });
      if (url.pathname === "/drive/v3/changes/watch" && req.method === "POST") {
        // https://developers.google.com/workspace/drive/api/reference/rest/v3/changes/watch
        const body = JSON.parse(await readBody(req)) as {
          id?: string;
          type?: string;
          address?: string;
          token?: string;
          expiration?: string;
        };
        const pageToken = q.get("pageToken");
        if (!body.id || body.type !== "web_hook" || !body.address || !pageToken)
          return googleError(res, 400, "required", "Required parameter: id, type, address, pageToken");
        if (channelRefusals > 0) {
          channelRefusals--;
          return googleError(res, 400, "push.webhookUrlNotHttps", "WebHook callback must be HTTPS: " + body.address);
        }
        if (channels.some((c) => c.id === body.id))
          return googleError(res, 400, "channelIdNotUnique", `Channel id ${body.id} not unique`);
        // https://developers.google.com/workspace/drive/api/guides/push: default an hour, at most a
        // week for the changes resource; a later expiration is cut to the cap.
        const asked = body.expiration ? Number(body.expiration) : Date.now() + 3600_000;
        const expiration = Math.min(asked, Date.now() + 7 * 24 * 3600_000);
        const resourceId = `o3hgv1538sdjfh${channels.length}`;
        channels.push({
          id: body.id,
          address: body.address,
          token: body.token ?? null,
          resourceId,
          pageToken,
          expiration,
          stopped: false,
        });
        return json(res, 200, {
          kind: "api#channel",
          id: body.id,
          resourceId,
          resourceUri: `${origin}/drive/v3/changes?pageToken=${pageToken}&alt=json`,
          ...(body.token ? { token: body.token } : {}),
          expiration: String(expiration),
        });
      }
      if (url.pathname === "/drive/v3/channels/stop" && req.method === "POST") {
        // https://developers.google.com/workspace/drive/api/reference/rest/v3/channels/stop: 204, no body.
        const body = JSON.parse((await readBody(req)) || "{}") as { id?: string; resourceId?: string };
        const channel = channels.find((c) => c.id === body.id && c.resourceId === body.resourceId && !c.stopped);
        if (!channel) return googleError(res, 404, "notFound", `Channel '${body.id}' not found for project`);
        channel.stopped = true;
        res.writeHead(204);
        return res.end();
      }
      if (url.pathname === "/drive/v3/changes/startPageToken")
        return json(res, 200, { kind: "drive#startPageToken", startPageToken: String(seq) });
      const allDrives = q.get("supportsAllDrives") === "true" && q.get("includeItemsFromAllDrives") === "true";
      // Listing shared-drive items takes both flags; reading one by id takes supportsAllDrives
      // (files.export has no such parameter and serves any file the caller can read).
      const visible = (f: DriveFile) => !f.gone && (!f.driveId || allDrives);
      const readable = (f: DriveFile, exporting: boolean) =>
        !f.gone && (!f.driveId || exporting || q.get("supportsAllDrives") === "true");
      if (url.pathname === "/drive/v3/files") {
        if (q.get("includeItemsFromAllDrives") === "true" && q.get("supportsAllDrives") !== "true")
          return googleError(res, 403, "teamDrivesParameterRequired", "The supportsAllDrives parameter is required.");
        const query = q.get("q") ?? "";
        const parent = /'([^']+)' in parents/.exec(query)?.[1];
        const list = [...files.values()]
          .filter(visible)
          .filter((f) => parent === undefined || f.parentId === parent)
          .filter((f) => !/trashed = false/.test(query) || !isTrashed(f))
          .filter((f) => !query.includes(`mimeType != '${FOLDER_MIME}'`) || f.mimeType !== FOLDER_MIME)
          .map(fileJson);
        return page(list, "files", { kind: "drive#fileList", incompleteSearch: false });
      }
      if (url.pathname === "/drive/v3/changes") {
        const since = Number(q.get("pageToken"));
        if (!Number.isFinite(since) || since <= 0) return googleError(res, 400, "invalid", "Invalid Value");
        const upto = Number(q.get("upto") ?? seq);
        const changed = [...files.values()]
          .filter((f) => f.changedAt > since && f.changedAt <= upto && (!f.driveId || allDrives))
          .sort((a, b) => a.changedAt - b.changedAt);
        const size = Math.min(Number(q.get("pageSize") ?? state.pageSize), state.pageSize);
        const slice = changed.slice(0, size);
        const more = changed.length > size;
        return json(res, 200, {
          kind: "drive#changeList",
          changes: slice.map((f) => ({
            kind: "drive#change",
            changeType: "file",
            time: new Date().toISOString(),
            fileId: f.id,
            removed: f.gone,
            ...(f.gone ? {} : { file: fileJson(f) }),
          })),
          // The next page starts after the last change handed out.
          ...(more ? { nextPageToken: String(slice.at(-1)!.changedAt) } : { newStartPageToken: String(upto) }),
        });
      }
      if ((m = /^\/drive\/v3\/files\/([^/]+)(\/permissions|\/export)?$/.exec(url.pathname))) {
        const f = files.get(decodeURIComponent(m[1]!));
        if (!f || !readable(f, m[2] === "/export"))
          return googleError(res, 404, "notFound", `File not found: ${m[1]}.`);
        if (m[2] === "/permissions") {
          if (f.permissionsHidden)
            return googleError(
              res,
              403,
              "insufficientFilePermissions",
              "The user does not have sufficient permissions for this file.",
            );
          return page(effective(f), "permissions", { kind: "drive#permissionList" });
        }
        if (m[2] === "/export") {
          if (f.exportTooLarge)
            return googleError(res, 403, "exportSizeLimitExceeded", "This file is too large to be exported.");
          const bytes = f.exports[q.get("mimeType") ?? ""];
          if (!bytes) return googleError(res, 403, "fileNotExportable", "Export only supports Docs Editors files.");
          res.writeHead(200, { "content-type": q.get("mimeType")! });
          return res.end(bytes);
        }
        if (q.get("alt") === "media") {
          if (f.mimeType.startsWith("application/vnd.google-apps."))
            return googleError(
              res,
              403,
              "fileNotDownloadable",
              "Only files with binary content can be downloaded. Use Export with Docs Editors files.",
            );
          res.writeHead(200, { "content-type": f.mimeType, "content-length": String(f.content.byteLength) });
          return res.end(f.content);
        }
        return json(res, 200, fileJson(f));
      }
      return googleError(res, 404, "notFound", `No handler for ${url.pathname}`);
    },
    onError: (res, error) => googleError(res, 500, "backendError", error.message),
  });
  origin = listener.origin;

  const add = (input: DriveFileInput & { mimeType: string }): string => {
    const id = `1${randomUUID().replace(/-/g, "").slice(0, 32)}`;
    files.set(id, {
      ...input,
      id,
      content: Buffer.from(input.content ?? ""),
      exports: Object.fromEntries(Object.entries(input.exports ?? {}).map(([k, v]) => [k, Buffer.from(v)])),
      permissions: input.permissions ?? [],
      version: 1,
      changedAt: ++seq,
      trashed: false,
      gone: false,
    });
    return id;
  };
  const get = (id: string) => {
    const f = files.get(id);
    if (!f) throw new Error(`no file ${id}`);
    return f;
  };
  return {
    origin,
    serviceAccountKey,
    subject,
    oauth,
    config: (extra = {}) => ({
      serviceAccountKey,
      subject,
      domain,
      apiUrl: origin,
      tokenUrl: `${origin}/token`,
      ...extra,
    }),
    requests,
    delegatedScopes,
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(n: number) {
      state.pageSize = n;
    },
    addFile: (input) => add({ mimeType: "application/octet-stream", ...input }),
    addFolder: (input) => add({ ...input, mimeType: FOLDER_MIME }),
    updateFile(id, { content, exports }) {
      const f = get(id);
      if (content !== undefined) f.content = Buffer.from(content);
      if (exports) f.exports = Object.fromEntries(Object.entries(exports).map(([k, v]) => [k, Buffer.from(v)]));
      f.version++;
      f.changedAt = ++seq;
    },
    setPermissions(id, permissions) {
      // Drive reports the item whose sharing changed; the files below it inherit silently.
      const f = get(id);
      f.permissions = permissions;
      f.changedAt = ++seq;
    },
    trash(id) {
      Object.assign(get(id), { trashed: true, changedAt: ++seq });
    },
    remove(id) {
      Object.assign(get(id), { gone: true, changedAt: ++seq });
    },
    setGroups(next) {
      groups = next;
    },
    setDriveMembers(driveId, members) {
      driveMembers.set(driveId, members);
      for (const f of files.values()) if (f.driveId === driveId) f.changedAt = ++seq;
    },
    expireTokens: () => tokens.clear(),
    revokeKey() {
      keyRevoked = true;
      tokens.clear();
    },
    revokeRefreshToken() {
      refreshRevoked = true;
      tokens.clear();
    },
    throttle(count, seconds, options = {}) {
      throttleStatus = options.status ?? 429;
      throttle.arm(count, seconds);
    },
    tokenRequests: () => tokenCount,
    channels,
    refuseChannels(count) {
      channelRefusals = count;
    },
    notification(channelId, state, token) {
      const channel = channels.find((c) => c.id === channelId);
      if (!channel) throw new Error(`no channel ${channelId}`);
      const n = (messageNumbers.get(channelId) ?? 0) + 1;
      messageNumbers.set(channelId, n);
      // https://developers.google.com/workspace/drive/api/guides/push ("Understand the notification message format").
      const headers = new Headers({
        "x-goog-channel-id": channel.id,
        "x-goog-message-number": String(n),
        "x-goog-resource-id": channel.resourceId,
        "x-goog-resource-state": state,
        "x-goog-resource-uri": `${origin}/drive/v3/changes?pageToken=${channel.pageToken}&alt=json`,
        "x-goog-channel-expiration": new Date(channel.expiration).toUTCString(),
      });
      const sent = token ?? channel.token;
      if (sent !== null) headers.set("x-goog-channel-token", sent);
      if (state === "change") headers.set("x-goog-changed", "content,permissions");
      return { headers, body: new Uint8Array() };
    },
    close: listener.close,
  };
}
