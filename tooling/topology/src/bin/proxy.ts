import { createRoundRobinProxy } from "../round-robin-proxy";

/** `proxy.ts <port> <target> [target…]`: the topology's round-robin proxy as its own process. */
const [port, ...targets] = process.argv.slice(2);
if (!port || targets.length === 0) throw new Error("usage: proxy.ts <port> <http://host:port> [...]");
const server = createRoundRobinProxy({ targets });
server.listen(Number(port), "127.0.0.1", () => console.log(`[proxy] listening on ${port} → ${targets.join(", ")}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
