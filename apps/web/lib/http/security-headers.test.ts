import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import nextConfig from "../../next.config";
import { config as proxyConfig, proxy } from "../../proxy";
import { API_CSP, pageCsp } from "./security-headers";

describe("security headers", () => {
  it("pages get a strict CSP with a fresh nonce, on the response and on the request Next renders from", () => {
    const first = proxy(new NextRequest("http://localhost:3000/chat"));
    const second = proxy(new NextRequest("http://localhost:3000/chat"));
    const csp = first.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    for (const d of [
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self'",
      "default-src 'self'",
    ])
      expect(csp).toContain(d);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    // NextResponse.next({ request }) hands these to the render as request headers.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("the proxy leaves API routes alone (Next would buffer their bodies for it) and static assets", () => {
    const matcher = new RegExp(`^${proxyConfig.matcher[0]!.source}$`);
    for (const p of ["/", "/chat", "/sign-in", "/admin/audit", "/documents/123"]) expect(matcher.test(p), p).toBe(true);
    for (const p of ["/api/auth/sign-in", "/api/admin/uploads", "/_next/static/chunks/a.js", "/favicon.ico"])
      expect(matcher.test(p), p).toBe(false);
  });

  it("every path gets the static headers, API paths a CSP that allows nothing", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*")!.headers;
    const byKey = Object.fromEntries(all.map((h) => [h.key.toLowerCase(), h.value]));
    expect(byKey).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
    });
    expect(byKey["permissions-policy"]).toContain("camera=()");
    expect(rules.find((r) => r.source === "/api/:path*")!.headers).toEqual([
      { key: "Content-Security-Policy", value: API_CSP },
    ]);
    expect(API_CSP).toContain("sandbox");
    expect(API_CSP).toContain("default-src 'none'");
  });

  it("dev mode adds only what React's dev build and HMR need", () => {
    const dev = pageCsp({ nonce: "abc", dev: true });
    expect(dev).toContain("'unsafe-eval'");
    expect(pageCsp({ nonce: "abc" })).not.toContain("ws:");
  });
});
