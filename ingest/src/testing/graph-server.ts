import { randomUUID } from "node:crypto";
import type http from "node:http";
import { createThrottle, listenLoopback, readBody } from "./vendor-http";
import type { GraphPermission } from "../sources/sharepoint/graph-permissions";
import type { CanvasLayout } from "../sources/sharepoint/site-pages";

/**
 * An in-suite Microsoft Graph (and Entra token endpoint) on loopback, reproducing the wire
 * format of the calls the SharePoint connector makes, as the Graph reference documents them:
 * client credentials tokens (POST /{tenant}/oauth2/v2.0/token, AADSTS errors), `/sites`,
 * `/sites/{id}/drives`, `/drives/{id}/root/delta` with `@odata.nextLink` pages and an
 * `@odata.deltaLink` whose token returns only later changes (`deleted` facets for removals,
 * items whose sharing changed when `Prefer: deltashowsharingchanges`, a 410 `resyncRequired`
 * for an expired token), item permissions with `inheritedFrom` for the ones a folder passes
 * down, `/content` as a 302 to a download URL, site pages with their canvas layout, groups and
 * transitive members, 403 when the app lacks a role, 429 with Retry-After, 401 for an expired
 * token. Tests change its state (files, permissions, groups) the way an admin would in SharePoint.
 */
export type GraphRole = "Sites.Read.All" | "GroupMember.Read.All";

type Item = {
  id: string;
  name: string;
  parentId: string | null;
  folder: boolean;
  content: Buffer;
  version: number;
  permissions: GraphPermission[];
  /** false: the item stopped inheriting (SharePoint "stop inheriting permissions"). */
  inherits: boolean;
  changedAt: number;
  deleted: boolean;
  createdBy: string;
};
type Drive = { id: string; siteId: string | null; items: Map<string, Item> };
type Site = { id: string; name: string; hostPath: string; drives: string[]; pages: Map<string, Page> };
type Page = { id: string; name: string; title: string; layout: CanvasLayout; version: number };
export type GraphMember = { kind: "user"; id: string; mail: string | null } | { kind: "group"; id: string };
type Group = { id: string; displayName: string; members: GraphMember[] };

export type TestGraphServer = {
  origin: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Config for a sharepoint source against this server. */
  config(extra?: Record<string, unknown>): Record<string, unknown>;
  requests: { method: string; path: string; query: URLSearchParams; headers: http.IncomingHttpHeaders }[];
  roles: Set<GraphRole>;
  pageSize: number;
  addSite(input: { name: string }): { siteId: string; driveId: string };
  addFolder(input: { driveId: string; name: string; parentId?: string; permissions?: GraphPermission[] }): string;
  addFile(input: {
    driveId: string;
    name: string;
    content: string | Uint8Array;
    parentId?: string;
    permissions?: GraphPermission[];
    inherits?: boolean;
    createdBy?: string;
  }): string;
  updateFile(input: { driveId: string; itemId: string; content: string | Uint8Array }): void;
  deleteItem(input: { driveId: string; itemId: string }): void;
  /** Replaces an item's own permissions; a folder's change reaches every item below it (its sharing changed too). */
  setPermissions(input: { driveId: string; itemId: string; permissions: GraphPermission[] }): void;
  rootId(driveId: string): string;
  addPage(input: { siteId: string; name: string; title: string; layout: CanvasLayout }): string;
  setGroups(groups: Group[]): void;
  /** Tokens issued so far stop working (401 InvalidAuthenticationToken); new ones are issued. */
  expireTokens(): void;
  /** The client secret is revoked: the token endpoint answers AADSTS7000215. */
  revokeSecret(): void;
  /** Delta tokens older than now answer 410 resyncRequired. */
  expireDeltaTokens(): void;
  /** The next `count` Graph requests answer 429 with Retry-After: seconds. */
  throttle(count: number, seconds: number): void;
  tokenRequests(): number;
  /** Subscriptions created with POST /subscriptions (renewed with PATCH), by id. */
  subscriptions: Map<string, GraphSubscription>;
  /**
   * Where the validation handshake and notifications are delivered (the hook route in a test);
   * default: an HTTP POST to the notificationUrl.
   */
  deliver: (request: { url: URL; headers: Headers; body: Uint8Array }) => Promise<{ status: number; body: string }>;
  /** Graph's change notification for a subscription, as it would POST it (delivered through `deliver`). */
  notify(subscriptionId: string): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
};

export type GraphSubscription = {
  id: string;
  changeType: string;
  notificationUrl: string;
  resource: string;
  expirationDateTime: string;
  clientState: string | null;
};

/** https://learn.microsoft.com/graph/api/resources/subscription ("maximum length of subscription per resource type"). */
const DRIVE_ITEM_MAX_MINUTES = 42_300;

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json; odata.metadata=minimal", ...headers });
  res.end(JSON.stringify(body));
};
const graphError = (res: http.ServerResponse, status: number, code: string, message: string, headers = {}) =>
  json(
    res,
    status,
    { error: { code, message, innerError: { date: new Date().toISOString(), "request-id": randomUUID() } } },
    headers,
  );

export async function startGraphServer({ pageSize = 50 }: { pageSize?: number } = {}): Promise<TestGraphServer> {
  const tenantId = "contoso.onmicrosoft.com";
  const clientId = randomUUID();
  let clientSecret = `secret-${randomUUID()}`;
  let secretRevoked = false;
  const tokens = new Set<string>();
  let tokenCount = 0;
  let seq = 1;
  let minDeltaToken = 0;
  const throttle = createThrottle();
  const sites = new Map<string, Site>();
  const drives = new Map<string, Drive>();
  let groups: Group[] = [];
  const roles = new Set<GraphRole>(["Sites.Read.All", "GroupMember.Read.All"]);
  const requests: TestGraphServer["requests"] = [];
  const subscriptions = new Map<string, GraphSubscription>();
  let deliver: TestGraphServer["deliver"] = async ({ url, headers, body }) => {
    const answer = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(10_000) });
    return { status: answer.status, body: await answer.text() };
  };
  let origin = "";
  const state = { pageSize };

  const driveOf = (id: string) => {
    const d = drives.get(id);
    if (!d) throw new Error(`no drive ${id}`);
    return d;
  };
  const pathOf = (drive: Drive, item: Item): string => {
    const names: string[] = [];
    for (let cur: Item | undefined = item; cur && cur.parentId; cur = drive.items.get(cur.parentId))
      names.unshift(cur.name);
    return `/drives/${drive.id}/root:/${names.slice(0, -1).join("/")}`;
  };
  const itemJson = (drive: Drive, item: Item) => ({
    id: item.id,
    name: item.name,
    ...(item.deleted ? { deleted: { state: "deleted" } } : {}),
    ...(item.parentId === null ? { root: {} } : {}),
    ...(item.folder
      ? { folder: { childCount: [...drive.items.values()].filter((i) => i.parentId === item.id && !i.deleted).length } }
      : { file: { mimeType: "application/octet-stream" }, size: item.content.byteLength }),
    cTag: `"c:{${item.id}},${item.version}"`,
    eTag: `"{${item.id}},${item.version}"`,
    webUrl: `https://contoso.sharepoint.com/${drive.id}/${encodeURIComponent(item.name)}`,
    lastModifiedDateTime: new Date(Date.UTC(2026, 0, 1) + item.changedAt * 1000).toISOString(),
    createdBy: { user: { displayName: item.createdBy } },
    parentReference: {
      driveId: drive.id,
      ...(item.parentId ? { id: item.parentId, path: pathOf(drive, item) } : {}),
      ...(drive.siteId ? { siteId: drive.siteId } : {}),
    },
  });
  /** The item's own permissions plus those its ancestors pass down, as Graph lists them. */
  const effectivePermissions = (drive: Drive, item: Item): GraphPermission[] => {
    const out: GraphPermission[] = [...item.permissions];
    let inherits = item.inherits;
    for (let parent = item.parentId ? drive.items.get(item.parentId) : undefined; parent && inherits;) {
      for (const p of parent.permissions)
        out.push({ ...p, inheritedFrom: { driveId: drive.id, id: parent.id, path: `/drives/${drive.id}/root:` } });
      inherits = parent.inherits;
      parent = parent.parentId ? drive.items.get(parent.parentId) : undefined;
    }
    return out;
  };
  const touchTree = (drive: Drive, id: string, at: number) => {
    for (const item of drive.items.values()) {
      let cur: Item | undefined = item;
      while (cur && cur.id !== id) cur = cur.parentId ? drive.items.get(cur.parentId) : undefined;
      if (cur) item.changedAt = at;
    }
  };

  const listener = await listenLoopback({
    handler: async (req, res) => {
      const url = new URL(req.url ?? "/", origin);
      requests.push({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers: req.headers });
      // Entra token endpoint (client credentials grant).
      const tokenMatch = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
      if (tokenMatch && req.method === "POST") {
        const form = new URLSearchParams(await readBody(req));
        if (decodeURIComponent(tokenMatch[1]!) !== tenantId)
          return json(res, 400, {
            error: "invalid_request",
            error_description: `AADSTS90002: Tenant '${tokenMatch[1]}' not found.`,
          });
        if (form.get("client_id") !== clientId)
          return json(res, 400, {
            error: "unauthorized_client",
            error_description: `AADSTS700016: Application with identifier '${form.get("client_id")}' was not found in the directory.`,
          });
        if (secretRevoked || form.get("client_secret") !== clientSecret)
          return json(res, 401, {
            error: "invalid_client",
            error_description: "AADSTS7000215: Invalid client secret provided.",
          });
        if (form.get("grant_type") !== "client_credentials" || !form.get("scope")?.endsWith("/.default"))
          return json(res, 400, { error: "invalid_request", error_description: "AADSTS900144: bad grant" });
        const token = `tok-${++tokenCount}-${randomUUID()}`;
        tokens.add(token);
        return json(res, 200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: token });
      }
      // Pre-authenticated download URL (where /content redirects): no token needed, as in Graph.
      const download = /^\/download\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      if (download) {
        const item = drives.get(download[1]!)?.items.get(download[2]!);
        if (!item || item.deleted) return graphError(res, 404, "itemNotFound", "The resource could not be found.");
        res.writeHead(200, {
          "content-type": "application/octet-stream",
          "content-length": String(item.content.byteLength),
        });
        return res.end(item.content);
      }
      if (!url.pathname.startsWith("/v1.0/")) return graphError(res, 400, "BadRequest", "Invalid version.");
      const wait = throttle.take();
      if (wait !== null)
        return graphError(res, 429, "TooManyRequests", "Please retry again later.", { "retry-after": String(wait) });
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer || !tokens.has(bearer))
        return graphError(res, 401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
      const path = url.pathname.slice("/v1.0".length);
      const need = (role: GraphRole) => {
        if (roles.has(role)) return true;
        graphError(res, 403, "accessDenied", "Either scp or roles claim need to be present in the token.");
        return false;
      };
      const collection = (all: unknown[], base: string) => {
        const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
        const page = all.slice(skip, skip + state.pageSize);
        const more = skip + state.pageSize < all.length;
        const next = new URL(base, origin);
        for (const [k, v] of url.searchParams) if (k !== "$skiptoken") next.searchParams.set(k, v);
        next.searchParams.set("$skiptoken", String(skip + state.pageSize));
        return json(res, 200, {
          "@odata.context": `${origin}/v1.0/$metadata`,
          value: page,
          ...(more ? { "@odata.nextLink": next.toString() } : {}),
        });
      };
      let m: RegExpExecArray | null;
      if (path === "/subscriptions" || path.startsWith("/subscriptions/")) {
        // https://learn.microsoft.com/graph/api/subscription-post-subscriptions,
        // https://learn.microsoft.com/graph/api/subscription-update
        const body = JSON.parse((await readBody(req)) || "{}") as Partial<GraphSubscription>;
        const expiry = Date.parse(body.expirationDateTime ?? "");
        const badExpiry = () =>
          !Number.isFinite(expiry) || expiry <= Date.now() || expiry > Date.now() + DRIVE_ITEM_MAX_MINUTES * 60_000;
        if (path === "/subscriptions" && req.method === "POST") {
          if (!body.changeType || !body.notificationUrl || !body.resource || !body.expirationDateTime)
            return graphError(
              res,
              400,
              "InvalidRequest",
              "changeType, notificationUrl, resource and expirationDateTime are required.",
            );
          const drive = /^\/drives\/([^/]+)\/root$/.exec(body.resource);
          if (!drive || !drives.has(drive[1]!))
            return graphError(res, 404, "ResourceNotFound", `Resource '${body.resource}' not found.`);
          if (body.changeType !== "updated")
            return graphError(res, 400, "InvalidRequest", "driveItem subscriptions support changeType 'updated' only.");
          if (badExpiry())
            return graphError(
              res,
              400,
              "InvalidRequest",
              `Subscription expiration can only be ${DRIVE_ITEM_MAX_MINUTES} minutes in the future.`,
            );
          if (body.clientState && body.clientState.length > 128)
            return graphError(res, 400, "InvalidRequest", "clientState must be at most 128 characters.");
          // The validation handshake: the token must come back, as text, with 200 (within 10 s).
          const validationToken = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
          const target = new URL(body.notificationUrl);
          target.searchParams.set("validationToken", validationToken);
          let answer: { status: number; body: string };
          try {
            answer = await deliver({
              url: target,
              headers: new Headers({ "content-type": "text/plain; charset=utf-8" }),
              body: new Uint8Array(),
            });
          } catch {
            answer = { status: 0, body: "" };
          }
          if (answer.status !== 200 || answer.body !== validationToken)
            return graphError(
              res,
              400,
              "ValidationError",
              "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
            );
          const sub: GraphSubscription = {
            id: randomUUID(),
            changeType: body.changeType,
            notificationUrl: body.notificationUrl,
            resource: body.resource,
            expirationDateTime: new Date(expiry).toISOString(),
            clientState: body.clientState ?? null,
          };
          subscriptions.set(sub.id, sub);
          return json(res, 201, { "@odata.context": `${origin}/v1.0/$metadata#subscriptions/$entity`, ...sub });
        }
        const one = /^\/subscriptions\/([^/]+)$/.exec(path);
        const sub = one ? subscriptions.get(decodeURIComponent(one[1]!)) : undefined;
        // An expired subscription is gone: Graph deletes it.
        if (!sub || Date.parse(sub.expirationDateTime) <= Date.now())
          return graphError(res, 404, "ResourceNotFound", "The object was not found.");
        if (req.method === "PATCH") {
          if (badExpiry())
            return graphError(
              res,
              400,
              "InvalidRequest",
              `Subscription expiration can only be ${DRIVE_ITEM_MAX_MINUTES} minutes in the future.`,
            );
          sub.expirationDateTime = new Date(expiry).toISOString();
          return json(res, 200, { "@odata.context": `${origin}/v1.0/$metadata#subscriptions/$entity`, ...sub });
        }
        if (req.method === "DELETE") {
          subscriptions.delete(sub.id);
          res.writeHead(204);
          return res.end();
        }
        return json(res, 200, sub);
      }
      if (path.startsWith("/groups")) {
        if (!need("GroupMember.Read.All")) return;
        if (path === "/groups")
          return collection(
            groups.map((g) => ({ id: g.id, displayName: g.displayName })),
            `${origin}/v1.0/groups`,
          );
        if ((m = /^\/groups\/([^/]+)\/transitiveMembers$/.exec(path))) {
          const byId = new Map(groups.map((g) => [g.id, g]));
          const seen = new Set<string>();
          const out: unknown[] = [];
          const walk = (g: Group) => {
            for (const member of g.members) {
              if (seen.has(member.id)) continue;
              seen.add(member.id);
              if (member.kind === "user")
                out.push({ "@odata.type": "#microsoft.graph.user", id: member.id, mail: member.mail });
              else {
                out.push({ "@odata.type": "#microsoft.graph.group", id: member.id });
                const nested = byId.get(member.id);
                if (nested) walk(nested);
              }
            }
          };
          const group = byId.get(decodeURIComponent(m[1]!));
          if (!group) return graphError(res, 404, "Request_ResourceNotFound", "Resource does not exist.");
          walk(group);
          return collection(out, `${origin}${url.pathname}`);
        }
      }
      if (!need("Sites.Read.All")) return;
      if (path === "/sites")
        return collection(
          [...sites.values()].map((s) => ({ id: s.id, name: s.name })),
          `${origin}/v1.0/sites`,
        );
      if ((m = /^\/sites\/([^/]+?)(?::(\/[^:]*))?$/.exec(path))) {
        const key = decodeURIComponent(m[1]!) + (m[2] ? `:${m[2]}` : "");
        const site = sites.get(key) ?? [...sites.values()].find((s) => s.hostPath === key);
        if (!site) return graphError(res, 404, "itemNotFound", "Requested site could not be found");
        return json(res, 200, {
          id: site.id,
          name: site.name,
          webUrl: `https://contoso.sharepoint.com/sites/${site.name}`,
        });
      }
      if ((m = /^\/sites\/([^/]+)\/drives$/.exec(path))) {
        const site = sites.get(decodeURIComponent(m[1]!));
        if (!site) return graphError(res, 404, "itemNotFound", "Requested site could not be found");
        return collection(
          site.drives.map((id) => ({ id, driveType: "documentLibrary", name: "Documents" })),
          `${origin}${url.pathname}`,
        );
      }
      if ((m = /^\/sites\/([^/]+)\/drive\/root\/permissions$/.exec(path))) {
        const site = sites.get(decodeURIComponent(m[1]!));
        const drive = site && drives.get(site.drives[0]!);
        if (!drive) return graphError(res, 404, "itemNotFound", "The resource could not be found.");
        const root = [...drive.items.values()].find((i) => i.parentId === null)!;
        return collection(effectivePermissions(drive, root), `${origin}${url.pathname}`);
      }
      if ((m = /^\/sites\/([^/]+)\/pages\/microsoft\.graph\.sitePage$/.exec(path))) {
        const site = sites.get(decodeURIComponent(m[1]!));
        if (!site) return graphError(res, 404, "itemNotFound", "Requested site could not be found");
        return collection(
          [...site.pages.values()].map((p) => ({
            "@odata.type": "#microsoft.graph.sitePage",
            id: p.id,
            name: p.name,
            title: p.title,
            webUrl: `SitePages/${p.name}`,
            eTag: `"{${p.id}},${p.version}"`,
            lastModifiedDateTime: new Date(Date.UTC(2026, 0, 1) + p.version * 1000).toISOString(),
            createdBy: { user: { displayName: "Site Owner" } },
          })),
          `${origin}${url.pathname}`,
        );
      }
      if ((m = /^\/sites\/([^/]+)\/pages\/([^/]+)\/microsoft\.graph\.sitePage$/.exec(path))) {
        const page = sites.get(decodeURIComponent(m[1]!))?.pages.get(decodeURIComponent(m[2]!));
        if (!page) return graphError(res, 404, "itemNotFound", "The resource could not be found.");
        return json(res, 200, {
          "@odata.type": "#microsoft.graph.sitePage",
          id: page.id,
          name: page.name,
          title: page.title,
          eTag: `"{${page.id}},${page.version}"`,
          ...(url.searchParams.get("$expand") === "canvasLayout" ? { canvasLayout: page.layout } : {}),
        });
      }
      if ((m = /^\/drives\/([^/]+)$/.exec(path))) {
        const drive = drives.get(decodeURIComponent(m[1]!));
        if (!drive) return graphError(res, 404, "itemNotFound", "The resource could not be found.");
        return json(res, 200, { id: drive.id, driveType: "business" });
      }
      if ((m = /^\/drives\/([^/]+)\/root\/delta$/.exec(path))) {
        const drive = drives.get(decodeURIComponent(m[1]!));
        if (!drive) return graphError(res, 404, "itemNotFound", "The resource could not be found.");
        const base = `${origin}/v1.0/drives/${drive.id}/root/delta`;
        if (url.searchParams.get("token") === "latest")
          return json(res, 200, { value: [], "@odata.deltaLink": `${base}?token=${seq}` });
        const since = Number(url.searchParams.get("token") ?? 0);
        if (since > 0 && since < minDeltaToken)
          return graphError(
            res,
            410,
            "resyncRequired",
            "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd. Upload any local changes that the server doesn't know about.",
          );
        const upto = Number(url.searchParams.get("upto") ?? seq);
        const skip = Number(url.searchParams.get("$skiptoken") ?? 0);
        const sharing = /deltashowsharingchanges/.test(String(req.headers.prefer ?? ""));
        const changed = [...drive.items.values()]
          .filter((i) => (since === 0 ? !i.deleted : i.changedAt > since) && i.changedAt <= upto)
          .filter((i) => sharing || since === 0 || i.changedAt > since)
          .sort((a, b) => a.changedAt - b.changedAt || a.id.localeCompare(b.id));
        const page = changed.slice(skip, skip + state.pageSize).map((i) => itemJson(drive, i));
        const more = skip + state.pageSize < changed.length;
        const params = new URLSearchParams({
          ...(since ? { token: String(since) } : {}),
          upto: String(upto),
          $skiptoken: String(skip + state.pageSize),
        });
        const select = url.searchParams.get("$select");
        if (select) params.set("$select", select);
        return json(res, 200, {
          "@odata.context": `${origin}/v1.0/$metadata#Collection(driveItem)`,
          value: page,
          ...(more
            ? { "@odata.nextLink": `${base}?${params.toString()}` }
            : { "@odata.deltaLink": `${base}?token=${upto}` }),
        });
      }
      if ((m = /^\/drives\/([^/]+)\/(root|items\/([^/]+))(\/permissions|\/content)?$/.exec(path))) {
        const drive = drives.get(decodeURIComponent(m[1]!));
        const item =
          m[2] === "root"
            ? [...(drive?.items.values() ?? [])].find((i) => i.parentId === null)
            : drive?.items.get(decodeURIComponent(m[3]!));
        if (!drive || !item || item.deleted)
          return graphError(res, 404, "itemNotFound", "The resource could not be found.");
        if (m[4] === "/permissions") return collection(effectivePermissions(drive, item), `${origin}${url.pathname}`);
        if (m[4] === "/content") {
          res.writeHead(302, { location: `${origin}/download/${drive.id}/${item.id}?tempauth=${randomUUID()}` });
          return res.end();
        }
        return json(res, 200, itemJson(drive, item));
      }
      return graphError(res, 400, "invalidRequest", `Unsupported path ${path}`);
    },
    onError: (res, error) => graphError(res, 500, "generalException", error.message),
  });
  origin = listener.origin;

  const newItem = (drive: Drive, input: Omit<Item, "changedAt" | "deleted" | "version" | "id">): string => {
    const id = `01${randomUUID().replace(/-/g, "").slice(0, 30).toUpperCase()}`;
    drive.items.set(id, { ...input, id, version: 1, changedAt: ++seq, deleted: false });
    return id;
  };
  const api: TestGraphServer = {
    origin,
    tenantId,
    clientId,
    get clientSecret() {
      return clientSecret;
    },
    config: (extra = {}) => ({
      tenantId,
      clientId,
      clientSecret,
      graphUrl: origin,
      authorityUrl: origin,
      ...extra,
    }),
    requests,
    roles,
    get pageSize() {
      return state.pageSize;
    },
    set pageSize(n: number) {
      state.pageSize = n;
    },
    addSite({ name }) {
      const siteId = `contoso.sharepoint.com,${randomUUID()},${randomUUID()}`;
      const driveId = `b!${randomUUID().replace(/-/g, "")}`;
      const drive: Drive = { id: driveId, siteId, items: new Map() };
      drives.set(driveId, drive);
      newItem(drive, {
        name: "root",
        parentId: null,
        folder: true,
        content: Buffer.alloc(0),
        permissions: [],
        inherits: false,
        createdBy: "System",
      });
      sites.set(siteId, {
        id: siteId,
        name,
        hostPath: `contoso.sharepoint.com:/sites/${name}`,
        drives: [driveId],
        pages: new Map(),
      });
      return { siteId, driveId };
    },
    rootId: (driveId) => [...driveOf(driveId).items.values()].find((i) => i.parentId === null)!.id,
    addFolder({ driveId, name, parentId, permissions = [] }) {
      const drive = driveOf(driveId);
      return newItem(drive, {
        name,
        parentId: parentId ?? api.rootId(driveId),
        folder: true,
        content: Buffer.alloc(0),
        permissions,
        inherits: true,
        createdBy: "Site Owner",
      });
    },
    addFile({ driveId, name, content, parentId, permissions = [], inherits = true, createdBy = "Site Owner" }) {
      const drive = driveOf(driveId);
      return newItem(drive, {
        name,
        parentId: parentId ?? api.rootId(driveId),
        folder: false,
        content: Buffer.from(content),
        permissions,
        inherits,
        createdBy,
      });
    },
    updateFile({ driveId, itemId, content }) {
      const item = driveOf(driveId).items.get(itemId)!;
      item.content = Buffer.from(content);
      item.version++;
      item.changedAt = ++seq;
    },
    deleteItem({ driveId, itemId }) {
      const drive = driveOf(driveId);
      const at = ++seq;
      for (const item of drive.items.values()) {
        let cur: Item | undefined = item;
        while (cur && cur.id !== itemId) cur = cur.parentId ? drive.items.get(cur.parentId) : undefined;
        if (cur) Object.assign(item, { deleted: true, changedAt: at });
      }
    },
    setPermissions({ driveId, itemId, permissions }) {
      const drive = driveOf(driveId);
      drive.items.get(itemId)!.permissions = permissions;
      touchTree(drive, itemId, ++seq);
    },
    addPage({ siteId, name, title, layout }) {
      const id = randomUUID();
      sites.get(siteId)!.pages.set(id, { id, name, title, layout, version: ++seq });
      return id;
    },
    setGroups(next) {
      groups = next;
    },
    expireTokens: () => tokens.clear(),
    revokeSecret() {
      secretRevoked = true;
      tokens.clear();
    },
    expireDeltaTokens() {
      minDeltaToken = ++seq;
    },
    throttle: (count, seconds) => throttle.arm(count, seconds),
    tokenRequests: () => requests.filter((r) => r.path.endsWith("/oauth2/v2.0/token")).length,
    subscriptions,
    get deliver() {
      return deliver;
    },
    set deliver(next) {
      deliver = next;
    },
    notify(subscriptionId) {
      const sub = subscriptions.get(subscriptionId);
      if (!sub) throw new Error(`no subscription ${subscriptionId}`);
      // https://learn.microsoft.com/graph/change-notifications-delivery-webhooks (driveItem: the drive root, no item).
      const payload = {
        value: [
          {
            subscriptionId: sub.id,
            clientState: sub.clientState,
            changeType: "updated",
            resource: sub.resource,
            subscriptionExpirationDateTime: sub.expirationDateTime,
            tenantId,
          },
        ],
      };
      return deliver({
        url: new URL(sub.notificationUrl),
        headers: new Headers({ "content-type": "application/json" }),
        body: new TextEncoder().encode(JSON.stringify(payload)),
      });
    },
    close: listener.close,
  };
  void clientSecret;
  clientSecret = api.clientSecret;
  return api;
}
