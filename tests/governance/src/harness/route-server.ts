import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { requestScope } from "./next-headers";
import { listRouteFiles, paramsOf } from "./route-tree";

/**
 * The app's route handlers behind a real HTTP listener on loopback, for clients that only speak
 * HTTP (the openai SDK, LangChain, the MCP SDK's Streamable HTTP transport). Requests reach the
 * same handler modules the other suites call, inside the harness's next/headers scope; response
 * bodies are piped as they are produced, so streamed answers arrive chunk by chunk.
 */
export type RouteServer = { baseUrl: string; close(): Promise<void> };

type Compiled = { regex: RegExp; names: { name: string; catchAll: boolean }[]; file: string; dynamic: number };

function compile(): Compiled[] {
  return (
    listRouteFiles()
      .map(({ file, pattern }) => {
        const names = paramsOf(pattern);
        const source = pattern
          .split("/")
          .map((segment) => {
            if (/^\[\[?\.\.\./.test(segment)) return "(.+)";
            if (/^\[/.test(segment)) return "([^/]+)";
            return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          })
          .join("/");
        return { regex: new RegExp(`^${source}/?$`), names, file, dynamic: names.length };
      })
      // Static routes win over dynamic ones, as in the app router.
      .sort((a, b) => a.dynamic - b.dynamic)
  );
}

function match(
  routes: Compiled[],
  pathname: string,
): { file: string; params: Record<string, string | string[]> } | null {
  for (const r of routes) {
    const m = r.regex.exec(pathname);
    if (!m) continue;
    const params: Record<string, string | string[]> = {};
    r.names.forEach(({ name, catchAll }, i) => {
      const raw = m[i + 1] ?? "";
      params[name] = catchAll ? raw.split("/").map(decodeURIComponent) : decodeURIComponent(raw);
    });
    return { file: r.file, params };
  }
  return null;
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export async function startRouteServer(): Promise<RouteServer> {
  const routes = compile();
  const server = http.createServer((incoming, outgoing) => {
    void (async () => {
      const url = new URL(incoming.url ?? "/", `http://${incoming.headers.host ?? "127.0.0.1"}`);
      const found = match(routes, url.pathname);
      const mod = found ? ((await import(found.file)) as Record<string, Handler | undefined>) : null;
      const handler = mod?.[incoming.method ?? "GET"];
      if (!found || !handler) {
        outgoing.writeHead(found ? 405 : 404, { "content-type": "application/json" });
        outgoing.end(JSON.stringify({ error: { code: found ? "method_not_allowed" : "not_found", message: "" } }));
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(incoming.headers))
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      const hasBody = !["GET", "HEAD"].includes(incoming.method ?? "GET");
      const abort = new AbortController();
      outgoing.on("close", () => {
        if (!outgoing.writableFinished) abort.abort(new Error("client disconnected"));
      });
      const init: RequestInit & { duplex?: "half" } = {
        method: incoming.method ?? "GET",
        headers,
        signal: abort.signal,
        ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: "half" as const } : {}),
      };
      const req = new Request(url, init);
      const cookies = new Map<string, string>();
      for (const part of (headers.get("cookie") ?? "").split(";")) {
        const at = part.indexOf("=");
        if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
      }
      const res = await requestScope.run({ cookies, headers, setCookies: new Map() }, () =>
        handler(req, { params: Promise.resolve(found.params) }),
      );
      outgoing.writeHead(res.status, Object.fromEntries(res.headers));
      if (!res.body) {
        outgoing.end();
        return;
      }
      const reader = res.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          outgoing.write(value);
        }
      } finally {
        outgoing.end();
      }
    })().catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(500, { "content-type": "text/plain" });
      outgoing.end(`route server: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
