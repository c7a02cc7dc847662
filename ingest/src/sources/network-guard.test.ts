import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNetworkGuard, isPublicAddress, retryAfterMs, RetryLaterError } from "./network-guard";

let server: http.Server;
let base: string;
let hits429 = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/ok") return res.end("hello");
    if (req.url === "/loop") return res.writeHead(302, { location: "/loop" }).end();
    if (req.url === "/to-metadata") return res.writeHead(302, { location: "http://169.254.169.254/latest" }).end();
    if (req.url === "/huge") {
      res.writeHead(200);
      const chunk = "x".repeat(64 * 1024);
      for (let i = 0; i < 40; i++) res.write(chunk);
      return res.end();
    }
    if (req.url === "/busy") {
      hits429++;
      if (hits429 < 2) return res.writeHead(429, { "retry-after": "0" }).end();
      return res.end("after retry");
    }
    if (req.url === "/busy-long") return res.writeHead(503, { "retry-after": "3600" }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("network guard", () => {
  it("classifies addresses: only public unicast passes", () => {
    for (const a of ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0"])
      expect(isPublicAddress(a), a).toBe(false);
    for (const a of ["::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "ff02::1"])
      expect(isPublicAddress(a), a).toBe(false);
    for (const a of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]) expect(isPublicAddress(a), a).toBe(true);
  });

  it("refuses loopback unless allow-listed, and names the setting", async () => {
    const strict = createNetworkGuard({ allowHosts: new Set() });
    await expect(strict.fetch(`${base}/ok`)).rejects.toThrow(/GROUNDWORK_CONNECTOR_ALLOW_HOSTS/);
    const named = createNetworkGuard({
      allowHosts: new Set(),
      lookup: async () => [{ address: "10.0.0.5", family: 4 }],
    });
    await expect(named.assertAllowed({ host: "intranet.example" })).rejects.toThrow(/10\.0\.0\.5/);
    const open = createNetworkGuard({ allowHosts: new Set(["127.0.0.1"]) });
    expect((await open.fetch(`${base}/ok`)).text()).toBe("hello");
  });

  it("re-checks every redirect hop and stops a loop", async () => {
    const guard = createNetworkGuard({ allowHosts: new Set(["127.0.0.1"]) });
    await expect(guard.fetch(`${base}/to-metadata`)).rejects.toThrow(/169\.254\.169\.254/);
    await expect(guard.fetch(`${base}/loop`)).rejects.toThrow(/Too many redirects/);
  });

  it("bounds the body and refuses other schemes and credentials in URLs", async () => {
    const guard = createNetworkGuard({ allowHosts: new Set(["127.0.0.1"]) });
    await expect(guard.fetch(`${base}/huge`, { maxBytes: 1024 * 1024 })).rejects.toThrow(/too large/);
    await expect(guard.fetch("file:///etc/passwd")).rejects.toThrow(/Only http/);
    await expect(guard.fetch(`http://u:p@127.0.0.1/`)).rejects.toThrow(/Credentials/);
  });

  it("honours Retry-After: waits briefly, hands long waits to the scheduler", async () => {
    const guard = createNetworkGuard({ allowHosts: new Set(["127.0.0.1"]) });
    expect((await guard.fetch(`${base}/busy`)).text()).toBe("after retry");
    const error = await guard.fetch(`${base}/busy-long`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).retryAfterMs).toBe(3_600_000);
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(10_000);
  });
});
