import http from "node:http";

/**
 * The topology's load balancer: each request goes to the next web process in turn; one that
 * refuses the connection is skipped for that request. The client's address is appended to
 * X-Forwarded-For, so the web processes (GROUNDWORK_TRUST_PROXY=1) throttle sign-ins by the
 * client rather than by this proxy. Bodies stream both ways (server-sent chat events included).
 * Each response names the web process that answered it (`x-groundwork-upstream`, its host:port),
 * so a test can tell that every process served it.
 */
export function createRoundRobinProxy({ targets }: { targets: string[] }): http.Server {
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    // Buffered so a refused connection can be retried on the next target with the same body.
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const forwarded = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
      const attempt = (tries: number) => {
        const target = new URL(targets[next++ % targets.length]!);
        const upstream = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            agent,
            headers: { ...req.headers, "x-forwarded-for": forwarded, "content-length": String(body.length) },
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, { ...up.headers, "x-groundwork-upstream": target.host });
            up.pipe(res);
          },
        );
        upstream.on("error", (error: NodeJS.ErrnoException) => {
          if (!res.headersSent && error.code === "ECONNREFUSED" && tries + 1 < targets.length) attempt(tries + 1);
          else if (!res.headersSent) {
            res.writeHead(502, { "content-type": "application/json" });
            res.end(JSON.stringify({ error: { code: "bad_gateway", message: "no web process answered" } }));
          } else res.destroy();
        });
        upstream.end(body);
      };
      attempt(0);
    });
  });
}
