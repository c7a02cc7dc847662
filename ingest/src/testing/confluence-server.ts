import {
  ATTACHMENT_V2_EXAMPLE,
  CONTENT_DC_EXAMPLE,
  PAGE_V2_EXAMPLE,
  SPACE_V2_EXAMPLE,
} from "../sources/confluence/fixtures/reference-payloads";
import { createThrottle, listenLoopback, sendJson } from "./vendor-http";

type Json = Record<string, unknown>;
export type ConfluenceDeployment = "cloud" | "data-center";
export type ConfluenceUserInput = { id: string; email: string | null; name?: string };
export type ConfluenceGroupInput = { id: string; name: string; members: string[] };
export type ConfluenceSpaceInput = {
  id: string;
  key: string;
  name?: string;
  /** Anonymous visitors may view the space. */
  anonymous?: boolean;
  /** Who has the space's View permission: user ids, group ids. */
  readers: { users?: string[]; groups?: string[] };
};
export type ConfluencePageInput = {
  id: string;
  spaceKey: string;
  title: string;
  storage: string;
  parentId?: string | null;
  /** A view (read) restriction on the page: user ids, group ids. */
  restriction?: { users?: string[]; groups?: string[] } | null;
  status?: "current" | "trashed";
};
export type ConfluenceAttachmentInput = {
  id: string;
  pageId: string;
  title: string;
  mediaType: string;
  bytes: Uint8Array;
};

export type ConfluenceServer = {
  deployment: ConfluenceDeployment;
  /** The wiki base to configure: `http://127.0.0.1:<port>/wiki` (Cloud) or `…/confluence` (Data Center). */
  url: string;
  email: string;
  apiToken: string;
  oauthToken: string;
  personalAccessToken: string;
  /** The config a source needs (url, deployment, e-mail and the token of the deployment). */
  config(extra?: Record<string, unknown>): Record<string, unknown>;
  /** Every request: path (without the base), query, status answered. */
  requests: { path: string; query: URLSearchParams; status: number }[];
  putUser(u: ConfluenceUserInput): void;
  putGroup(g: ConfluenceGroupInput): void;
  deleteGroup(id: string): void;
  putSpace(s: ConfluenceSpaceInput): void;
  putPage(p: ConfluencePageInput): void;
  /** Only the restriction changes (no new page version, as in Confluence). */
  restrictPage(id: string, restriction: { users?: string[]; groups?: string[] } | null): void;
  deletePage(id: string): void;
  putAttachment(a: ConfluenceAttachmentInput): void;
  /** `count` requests answer 429 with this Retry-After (seconds), starting `after` requests from now. */
  throttle(count: number, retryAfterSeconds: number, options?: { after?: number }): void;
  revokeToken(): void;
  restoreToken(): void;
  /** Cloud: the next page's link only in the `Link` header, not in `_links.next` (both are documented). */
  linkHeaderOnly: boolean;
  close(): Promise<void>;
};

/**
 * An in-suite Confluence reproducing the documented wire format of the calls the connector
 * makes, as Cloud (REST v2 under /wiki/api/v2 with cursor pagination in `_links.next` and the
 * `Link` header, v1 under /wiki/rest/api for restrictions, groups, users and anonymous access;
 * Basic `email:api-token` or Bearer OAuth) or as Data Center (REST v1 under a /confluence
 * context path with start/limit pages and `_links.next`; Bearer personal access token). 401
 * without valid credentials, 429 + Retry-After on demand. Payloads start from the reference
 * examples (sources/confluence/fixtures/reference-payloads.ts).
 */
export async function startConfluenceServer({
  deployment = "cloud",
  email = "wiki-sync@example.com",
  apiToken = "atl-api-token-5c2e",
  oauthToken = "atl-oauth-token-9d1f",
  personalAccessToken = "dc-pat-7a3b",
}: {
  deployment?: ConfluenceDeployment;
  email?: string;
  apiToken?: string;
  oauthToken?: string;
  personalAccessToken?: string;
} = {}): Promise<ConfluenceServer> {
  const context = deployment === "cloud" ? "/wiki" : "/confluence";
  let origin = "";
  let clock = Date.parse("2024-03-01T00:00:00Z");
  const stamp = () => new Date((clock += 1000)).toISOString();
  const users = new Map<string, ConfluenceUserInput>();
  const groups = new Map<string, ConfluenceGroupInput>();
  const spaces = new Map<string, ConfluenceSpaceInput>();
  const pages = new Map<string, ConfluencePageInput & { version: number; when: string }>();
  const attachments = new Map<string, ConfluenceAttachmentInput & { version: number; when: string }>();
  const requests: ConfluenceServer["requests"] = [];
  const throttle = createThrottle();
  let revoked = false;

  const accepted =
    deployment === "cloud"
      ? [`Basic ${Buffer.from(`${email}:${apiToken}`).toString("base64")}`, `Bearer ${oauthToken}`]
      : [`Bearer ${personalAccessToken}`];

  const userJson = (id: string): Json => {
    const u = users.get(id);
    return deployment === "cloud"
      ? {
          type: "known",
          accountId: id,
          accountType: "atlassian",
          // Cloud hides an address the profile does not show: an empty string, as the API answers.
          email: u?.email ?? "",
          publicName: u?.name ?? id,
          displayName: u?.name ?? id,
        }
      : {
          type: "known",
          username: u?.name ?? id,
          userKey: id,
          displayName: u?.name ?? id,
          ...(u?.email ? { email: u.email } : {}),
        };
  };
  const groupJson = (id: string): Json => {
    const g = groups.get(id);
    return deployment === "cloud" ? { type: "group", name: g?.name ?? id, id } : { type: "group", name: id };
  };
  const restrictionJson = (r: { users?: string[]; groups?: string[] } | null | undefined) => ({
    user: { results: (r?.users ?? []).map(userJson), start: 0, limit: 200, size: (r?.users ?? []).length },
    group: { results: (r?.groups ?? []).map(groupJson), start: 0, limit: 200, size: (r?.groups ?? []).length },
  });
  const byId = <T extends { id: string }>(rows: Iterable<T>) =>
    [...rows].sort((a, b) =>
      /^\d+$/.test(a.id) && /^\d+$/.test(b.id) ? Number(a.id) - Number(b.id) : a.id.localeCompare(b.id),
    );
  const ancestorsOf = (id: string): string[] => {
    const out: string[] = [];
    let parent = pages.get(id)?.parentId ?? null;
    while (parent && !out.includes(parent)) {
      out.unshift(parent);
      parent = pages.get(parent)?.parentId ?? null;
    }
    return out;
  };
  const downloadPath = (a: ConfluenceAttachmentInput & { version: number }) =>
    `/download/attachments/${a.pageId}/${encodeURIComponent(a.title)}?version=${a.version}&api=v2`;

  /** v2 cursor pages: an opaque cursor (the offset, base64), `_links.next` relative to the site, the same link in `Link`. */
  const cursorPage = (url: URL, rows: Json[]): [number, unknown, Record<string, string>] => {
    const limit = Math.min(250, Number(url.searchParams.get("limit") ?? 25) || 25);
    const cursor = url.searchParams.get("cursor");
    const start = cursor ? Number(Buffer.from(cursor, "base64url").toString()) : 0;
    const slice = rows.slice(start, start + limit);
    const headers: Record<string, string> = {};
    const links: Json = { base: origin + context };
    if (start + limit < rows.length) {
      const next = new URL(url.pathname, origin);
      for (const [k, v] of url.searchParams) if (k !== "cursor") next.searchParams.append(k, v);
      next.searchParams.set("cursor", Buffer.from(String(start + limit)).toString("base64url"));
      const link = next.pathname + next.search;
      if (!server.linkHeaderOnly) links.next = link;
      headers.link = `<${link}>; rel="next", <${origin + context}>; rel="base"`;
    }
    return [200, { results: slice, _links: links }, headers];
  };
  /** v1 offset pages: `start`, `limit`, `size`, `_links.next` relative to the context. */
  const offsetPage = (url: URL, rows: Json[], max = 200): [number, unknown, Record<string, string>] => {
    const limit = Math.min(max, Number(url.searchParams.get("limit") ?? 25) || 25);
    const start = Number(url.searchParams.get("start") ?? 0) || 0;
    const slice = rows.slice(start, start + limit);
    const links: Json = { base: origin + context, context };
    if (start + limit < rows.length) {
      const next = new URL(url.pathname, origin);
      for (const [k, v] of url.searchParams) if (k !== "start") next.searchParams.append(k, v);
      next.searchParams.set("start", String(start + limit));
      // Data Center's next link is relative to the context path (it starts at /rest/…).
      links.next = next.pathname.slice(context.length) + next.search;
    }
    return [200, { results: slice, start, limit, size: slice.length, _links: links }, {}];
  };

  const pageV2 = (p: ConfluencePageInput & { version: number; when: string }, withBody: boolean): Json => ({
    ...PAGE_V2_EXAMPLE,
    id: p.id,
    status: p.status ?? "current",
    title: p.title,
    spaceId: spaces.get(p.spaceKey)?.id ?? "0",
    parentId: p.parentId ?? null,
    createdAt: p.when,
    version: { ...PAGE_V2_EXAMPLE.version, number: p.version, createdAt: p.when },
    ...(withBody ? { body: { storage: { representation: "storage", value: p.storage } } } : { body: {} }),
    _links: { webui: `/spaces/${p.spaceKey}/pages/${p.id}`, tinyui: `/x/${p.id}` },
  });
  const contentDc = (p: ConfluencePageInput & { version: number; when: string }): Json => ({
    ...CONTENT_DC_EXAMPLE,
    id: p.id,
    status: p.status ?? "current",
    title: p.title,
    space: { key: p.spaceKey, name: spaces.get(p.spaceKey)?.name ?? p.spaceKey, type: "global" },
    version: { number: p.version, when: p.when, by: { type: "known" } },
    ancestors: ancestorsOf(p.id).map((id) => ({ id, type: "page", status: "current", title: pages.get(id)?.title })),
    body: { storage: { value: p.storage, representation: "storage" } },
    restrictions: {
      read: { operation: "read", restrictions: restrictionJson(p.restriction) },
      update: { operation: "update", restrictions: restrictionJson(null) },
    },
    _links: {
      webui: `/display/${p.spaceKey}/${encodeURIComponent(p.title).replace(/%20/g, "+")}`,
      self: `${origin}${context}/rest/api/content/${p.id}`,
    },
  });
  const attachmentJson = (a: ConfluenceAttachmentInput & { version: number; when: string }): Json =>
    deployment === "cloud"
      ? {
          ...ATTACHMENT_V2_EXAMPLE,
          id: a.id,
          title: a.title,
          pageId: a.pageId,
          mediaType: a.mediaType,
          fileSize: a.bytes.byteLength,
          createdAt: a.when,
          version: { ...ATTACHMENT_V2_EXAMPLE.version, number: a.version, createdAt: a.when },
          downloadLink: downloadPath(a),
          webuiLink: `/pages/viewpageattachments.action?pageId=${a.pageId}&preview=${a.id}`,
          _links: { download: downloadPath(a), webui: `/pages/viewpageattachments.action?pageId=${a.pageId}` },
        }
      : {
          id: a.id,
          type: "attachment",
          status: "current",
          title: a.title,
          version: { number: a.version, when: a.when },
          metadata: { mediaType: a.mediaType },
          extensions: { mediaType: a.mediaType, fileSize: a.bytes.byteLength },
          _links: { download: downloadPath(a), webui: `/pages/viewpageattachments.action?pageId=${a.pageId}` },
        };

  const currentPages = (spaceKey: string) =>
    byId([...pages.values()].filter((p) => p.spaceKey === spaceKey && (p.status ?? "current") === "current"));
  const spaceByKey = (key: string) => spaces.get(key);
  const spaceById = (id: string) => [...spaces.values()].find((s) => s.id === id);
  const notFound: [number, unknown, Record<string, string>] = [404, { statusCode: 404, message: "Not found" }, {}];

  const cloudRoute = (p: string, url: URL): [number, unknown, Record<string, string>] => {
    const q = url.searchParams;
    let m: RegExpExecArray | null;
    if (p === "/api/v2/spaces") {
      const keys = q.get("keys")?.split(",");
      const rows = byId([...spaces.values()].filter((s) => !keys || keys.includes(s.key)));
      return cursorPage(
        url,
        rows.map((s) => ({
          ...SPACE_V2_EXAMPLE,
          id: s.id,
          key: s.key,
          name: s.name ?? s.key,
          homepageId: null,
          _links: { webui: `/spaces/${s.key}` },
        })),
      );
    }
    if ((m = /^\/api\/v2\/spaces\/([^/]+)$/.exec(p))) {
      const s = spaceById(m[1]!);
      return s ? [200, { ...SPACE_V2_EXAMPLE, id: s.id, key: s.key, name: s.name ?? s.key }, {}] : notFound;
    }
    if ((m = /^\/api\/v2\/spaces\/([^/]+)\/permissions$/.exec(p))) {
      const s = spaceById(m[1]!);
      if (!s) return notFound;
      let n = 0;
      const rows: Json[] = [
        ...(s.readers.groups ?? []).map((id) => ({
          id: String(++n),
          principal: { type: "group", id },
          operation: { key: "read", targetType: "space" },
        })),
        ...(s.readers.users ?? []).map((id) => ({
          id: String(++n),
          principal: { type: "user", id },
          operation: { key: "read", targetType: "space" },
        })),
        // Other operations and roles are listed too; the connector must keep only read/space.
        ...(s.readers.groups ?? []).map((id) => ({
          id: String(++n),
          principal: { type: "group", id },
          operation: { key: "create", targetType: "page" },
        })),
        {
          id: String(++n),
          principal: { type: "role", id: "space-admin-role" },
          operation: { key: "administer", targetType: "space" },
        },
      ];
      return cursorPage(url, rows);
    }
    if ((m = /^\/api\/v2\/spaces\/([^/]+)\/pages$/.exec(p))) {
      const s = spaceById(m[1]!);
      if (!s) return notFound;
      return cursorPage(
        url,
        currentPages(s.key).map((pg) => pageV2(pg, q.get("body-format") === "storage")),
      );
    }
    if ((m = /^\/api\/v2\/pages\/([^/]+)$/.exec(p))) {
      const pg = pages.get(m[1]!);
      return pg ? [200, pageV2(pg, q.get("body-format") === "storage"), {}] : notFound;
    }
    if ((m = /^\/api\/v2\/pages\/([^/]+)\/ancestors$/.exec(p))) {
      if (!pages.has(m[1]!)) return notFound;
      return cursorPage(
        url,
        ancestorsOf(m[1]!).map((id) => ({ id, type: "page" })),
      );
    }
    if ((m = /^\/api\/v2\/pages\/([^/]+)\/attachments$/.exec(p))) {
      if (!pages.has(m[1]!)) return notFound;
      return cursorPage(url, byId([...attachments.values()].filter((a) => a.pageId === m![1])).map(attachmentJson));
    }
    if ((m = /^\/rest\/api\/space\/([^/]+)$/.exec(p))) {
      const s = spaceByKey(m[1]!);
      if (!s) return notFound;
      return [
        200,
        {
          id: Number(s.id),
          key: s.key,
          name: s.name ?? s.key,
          type: "global",
          status: "current",
          permissions: [
            {
              id: 1,
              subjects: {
                group: { results: (s.readers.groups ?? []).map(groupJson), size: (s.readers.groups ?? []).length },
              },
              operation: { operation: "read", targetType: "space" },
              anonymousAccess: false,
              unlicensedAccess: false,
            },
            ...(s.anonymous
              ? [
                  {
                    id: 2,
                    operation: { operation: "read", targetType: "space" },
                    anonymousAccess: true,
                    unlicensedAccess: false,
                  },
                ]
              : []),
          ],
        },
        {},
      ];
    }
    if (p === "/rest/api/group/member") {
      const g = groups.get(q.get("groupId") ?? "");
      return g ? offsetPage(url, g.members.map(userJson)) : notFound;
    }
    if (p === "/rest/api/user")
      return users.has(q.get("accountId") ?? "") ? [200, userJson(q.get("accountId")!), {}] : notFound;
    return sharedRoute(p, url);
  };

  const dcRoute = (p: string, url: URL): [number, unknown, Record<string, string>] => {
    const q = url.searchParams;
    let m: RegExpExecArray | null;
    if (p === "/rest/api/space") {
      const keys = q.getAll("spaceKey");
      const rows = byId([...spaces.values()].filter((s) => !keys.length || keys.includes(s.key)));
      return offsetPage(
        url,
        rows.map((s) => ({
          id: Number(s.id),
          key: s.key,
          name: s.name ?? s.key,
          type: "global",
          status: "current",
          _links: { webui: `/display/${s.key}` },
        })),
      );
    }
    if ((m = /^\/rest\/api\/space\/([^/]+)\/permissions$/.exec(p))) {
      const s = spaceByKey(m[1]!);
      if (!s) return notFound;
      const read = { targetType: "space", operationKey: "read" };
      return [
        200,
        [
          ...(s.readers.groups ?? []).map((name) => ({
            operation: read,
            subject: { type: "group", name },
            spaceKey: s.key,
            spaceId: Number(s.id),
          })),
          ...(s.readers.users ?? []).map((userKey) => ({
            operation: read,
            subject: { type: "user", userKey },
            spaceKey: s.key,
            spaceId: Number(s.id),
          })),
          ...(s.anonymous
            ? [{ operation: read, subject: { type: "anonymous" }, spaceKey: s.key, spaceId: Number(s.id) }]
            : []),
          ...(s.readers.groups ?? []).map((name) => ({
            operation: { targetType: "page", operationKey: "create" },
            subject: { type: "group", name },
            spaceKey: s.key,
          })),
        ],
        {},
      ];
    }
    if (p === "/rest/api/content") {
      const key = q.get("spaceKey") ?? "";
      return offsetPage(url, currentPages(key).map(contentDc), 100);
    }
    if ((m = /^\/rest\/api\/content\/([^/]+)$/.exec(p))) {
      const pg = pages.get(m[1]!);
      return pg ? [200, contentDc(pg), {}] : notFound;
    }
    if ((m = /^\/rest\/api\/content\/([^/]+)\/child\/attachment$/.exec(p))) {
      if (!pages.has(m[1]!)) return notFound;
      return offsetPage(url, byId([...attachments.values()].filter((a) => a.pageId === m![1])).map(attachmentJson));
    }
    if ((m = /^\/rest\/api\/group\/([^/]+)\/member$/.exec(p))) {
      const g = groups.get(decodeURIComponent(m[1]!));
      return g ? offsetPage(url, g.members.map(userJson)) : notFound;
    }
    if (p === "/rest/api/user") return users.has(q.get("key") ?? "") ? [200, userJson(q.get("key")!), {}] : notFound;
    return sharedRoute(p, url);
  };

  const sharedRoute = (p: string, url: URL): [number, unknown, Record<string, string>] => {
    let m: RegExpExecArray | null;
    if (p === "/rest/api/user/current")
      return [200, { ...userJson("self"), ...(deployment === "cloud" ? { email } : {}) }, {}];
    if ((m = /^\/rest\/api\/content\/([^/]+)\/restriction\/byOperation\/read$/.exec(p))) {
      const pg = pages.get(m[1]!);
      if (!pg) return notFound;
      return [
        200,
        {
          operation: "read",
          restrictions: restrictionJson(pg.restriction),
          _links: { base: origin + context, context },
        },
        {},
      ];
    }
    if (p === "/rest/api/group")
      return offsetPage(
        url,
        byId([...groups.values()]).map((g) => groupJson(g.id)),
      );
    return notFound;
  };

  const listener = await listenLoopback({
    handler: (req, res) => {
      const url = new URL(req.url ?? "/", origin);
      const path = url.pathname.startsWith(context) ? url.pathname.slice(context.length) : url.pathname;
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        requests.push({ path, query: url.searchParams, status });
        if (body instanceof Uint8Array) {
          res.writeHead(status, { "content-type": "application/octet-stream", ...headers });
          return res.end(body);
        }
        sendJson({ res, status, body, headers });
      };
      const wait = throttle.take();
      if (wait !== null)
        return send(429, { statusCode: 429, message: "Rate limit exceeded" }, { "retry-after": String(wait) });
      if (!url.pathname.startsWith(`${context}/`)) return send(404, { message: "Not found" });
      if (revoked || !accepted.includes(req.headers.authorization ?? ""))
        return send(
          401,
          { statusCode: 401, message: "Unauthorized; scope does not match" },
          { "www-authenticate": 'Basic realm="protected"' },
        );
      const download = /^\/download\/attachments\/([^/]+)\/([^/?]+)$/.exec(path);
      if (download) {
        const a = [...attachments.values()].find(
          (x) => x.pageId === download[1] && x.title === decodeURIComponent(download[2]!),
        );
        return a ? send(200, a.bytes) : send(404, { message: "Not found" });
      }
      const [status, body, headers] = deployment === "cloud" ? cloudRoute(path, url) : dcRoute(path, url);
      send(status, body, headers);
    },
  });
  origin = listener.origin;

  const server: ConfluenceServer = {
    deployment,
    url: origin + context,
    email,
    apiToken,
    oauthToken,
    personalAccessToken,
    config: (extra = {}) =>
      deployment === "cloud"
        ? { url: origin + context, deployment, email, apiToken, ...extra }
        : { url: origin + context, deployment, personalAccessToken, ...extra },
    requests,
    putUser: (u) => void users.set(u.id, u),
    putGroup: (g) => void groups.set(g.id, g),
    deleteGroup: (id) => void groups.delete(id),
    putSpace: (s) => void spaces.set(s.key, s),
    putPage(p) {
      const before = pages.get(p.id);
      pages.set(p.id, { ...p, version: (before?.version ?? 0) + 1, when: stamp() });
    },
    restrictPage(id, restriction) {
      const p = pages.get(id);
      if (p) p.restriction = restriction;
    },
    deletePage: (id) => void pages.delete(id),
    putAttachment(a) {
      const before = attachments.get(a.id);
      attachments.set(a.id, { ...a, version: (before?.version ?? 0) + 1, when: stamp() });
    },
    throttle: (count, seconds, options) => throttle.arm(count, seconds, options),
    revokeToken: () => void (revoked = true),
    restoreToken: () => void (revoked = false),
    linkHeaderOnly: false,
    close: listener.close,
  };
  return server;
}
