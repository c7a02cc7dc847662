import dns from "node:dns";
import ipaddr from "ipaddr.js";
import { GroundworkError } from "@groundwork/core/errors";
import { isPublicAddress, type NetworkGuard } from "../network-guard";
import type { GitNetwork } from "./git-cli";

export type RepoLocation = { kind: "local"; path: string } | { kind: "remote"; url: URL };

/**
 * What `repo` names: an http(s) URL or an absolute path on the server. Every other transport is
 * refused by name: `file://` reads anywhere on disk past the source roots, `ssh`/`git@host:`
 * uses the server's own keys, `ext::` runs a command.
 */
export function parseRepoLocation(repo: string): RepoLocation {
  const value = repo.trim();
  if (!value) throw new GroundworkError("bad_request", "Give the repository as an https:// URL or an absolute path.");
  if (value.startsWith("/")) return { kind: "local", path: value };
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === "https" || scheme === "http") {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new GroundworkError("bad_request", `${value} is not a valid URL.`);
    }
    if (url.username || url.password)
      throw new GroundworkError(
        "bad_request",
        "Do not put credentials in the repository URL; give the token in the token field (--token).",
      );
    if (url.search || url.hash) throw new GroundworkError("bad_request", "A repository URL has no query or fragment.");
    return { kind: "remote", url };
  }
  const transport = value.includes("::")
    ? `${value.slice(0, value.indexOf("::"))}::`
    : scheme
      ? `${scheme}://`
      : /^[^/]+@[^/]+:/.test(value) || /^[^/]+:/.test(value)
        ? "ssh (host:path)"
        : null;
  if (transport)
    throw new GroundworkError(
      "bad_request",
      `The ${transport} transport is not supported: give an https:// (or http://) URL, or an absolute path on the server.`,
    );
  throw new GroundworkError(
    "bad_request",
    `${value} is a relative path: give an absolute path on the server, or an https:// URL.`,
  );
}

/** The URL with no trailing slash and no `.git`, as logs and links show it. */
export function displayUrl(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, "").replace(/\.git$/, "")}`;
}

/** Forges whose web UI shows a file at a commit under `<repo>/blob/<commit>/<path>`. */
const BLOB_LINK_HOST = /(^|\.)(github\.com|gitlab\.com|codeberg\.org)$|^(github|gitlab|gitea|forgejo)\./i;

/** Where a person opens a file at a commit: the forge's page for an https remote that has one, else `git:<commit>:<path>`. */
export function fileLink({ location, commit, path }: { location: RepoLocation; commit: string; path: string }): string {
  if (location.kind === "remote" && location.url.protocol === "https:" && BLOB_LINK_HOST.test(location.url.hostname)) {
    const encoded = path.split("/").map(encodeURIComponent).join("/");
    return `${displayUrl(location.url)}/blob/${commit}/${encoded}`;
  }
  return `git:${commit}:${path}`;
}

/**
 * The per-command git config for reaching a remote: the guard's verdict on the host, then the
 * addresses it resolved to pinned for curl (`http.curloptResolve`), so a DNS answer that changes
 * between our check and git's own lookup (rebinding) cannot point git at a private address. The
 * token goes as an Authorization header for these commands only — never in the URL or the
 * cache's config, where it would be stored and printed.
 */
export async function remoteNetwork({
  url,
  token,
  guard,
  lookup = dns.promises.lookup,
}: {
  url: URL;
  token: string | undefined;
  guard: NetworkGuard;
  lookup?: (host: string, options: { all: true }) => Promise<dns.LookupAddress[]>;
}): Promise<GitNetwork> {
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  await guard.assertAllowed({ host, port });
  const config: [string, string][] = [];
  if (!ipaddr.isValid(host) && !guard.allowHosts.has(host)) {
    let addresses: dns.LookupAddress[];
    try {
      addresses = await lookup(host, { all: true });
    } catch {
      throw new GroundworkError("bad_request", `Cannot resolve ${host}.`);
    }
    const bad = addresses.find((a) => !isPublicAddress(a.address));
    if (bad || addresses.length === 0)
      throw new GroundworkError(
        "bad_request",
        `Refused to connect to ${host}${bad ? ` (${bad.address})` : ""}: it is not a public address. ` +
          "Add the host to GROUNDWORK_CONNECTOR_ALLOW_HOSTS to allow it.",
      );
    const list = addresses.map((a) => (a.family === 6 ? `[${a.address}]` : a.address)).join(",");
    config.push(["http.curloptResolve", `${host}:${port}:${list}`]);
  }
  const secrets: string[] = [];
  if (token) {
    const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
    config.push(["http.extraHeader", `Authorization: Basic ${basic}`]);
    secrets.push(token, basic, encodeURIComponent(token));
  }
  return { config, secrets };
}
