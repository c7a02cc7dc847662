import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import nextConfig from "../../next.config";
import { config as proxyConfig, proxy } from "../../proxy";
import { API_CSP, FRAME_DENY_RULE, pageCsp } from "./security-headers";

// The matcher Next compiles `headers()` sources with (untyped, hence required and cast).
const { pathToRegexp } = createRequire(import.meta.url)("next/dist/compiled/path-to-regexp") as {
  pathToRegexp: (source: string, keys: unknown[], options: Record<string, unknown>) => RegExp;
};
const frameAncestors = (csp: string | null) => /frame-ancestors ([^;]+)/.exec(csp ?? "")?.[1];

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
    for (const p of ["/", "/chat", "/sign-in", "/admin/audit", "/documents/123", "/embed", "/settings/tokens"])
      expect(matcher.test(p), p).toBe(true);
    for (const p of [
      "/api/auth/sign-in",
      "/api/admin/uploads",
      "/v1/chat/completions",
      "/v1/models",
      "/mcp",
      "/_next/static/chunks/a.js",
      "/favicon.ico",
    ])
      expect(matcher.test(p), p).toBe(false);
  });

  it("the Azure protocol's POST /chat and /chat/stream reach its routes; GET /chat stays the page", () => {
    for (const [from, to] of [
      ["/chat", "/api/protocols/azure/chat"],
      ["/chat/stream", "/api/protocols/azure/chat/stream"],
    ] as const) {
      const res = proxy(new NextRequest(`http://localhost:3000${from}`, { method: "POST", body: "{}" }));
      expect(res.headers.get("x-middleware-rewrite"), from).toBe(`http://localhost:3000${to}`);
    }
    const page = proxy(new NextRequest("http://localhost:3000/chat"));
    expect(page.headers.get("x-middleware-rewrite")).toBeNull();
    expect(page.headers.get("content-security-policy")).toContain("nonce-");
  });

  it("every path gets the static headers, API paths a CSP that allows nothing", async () => {
    const rules = await nextConfig.headers!();
    const all = rules.find((r) => r.source === "/:path*")!.headers;
    const byKey = Object.fromEntries(all.map((h) => [h.key.toLowerCase(), h.value]));
    expect(byKey).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
    });
    expect(byKey["permissions-policy"]).toContain("camera=()");
    expect(byKey["x-frame-options"]).toBeUndefined();
    expect(rules.find((r) => r.source === FRAME_DENY_RULE.source)!.headers).toEqual([
      { key: "X-Frame-Options", value: "DENY" },
    ]);
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

  describe("the widget page (/embed)", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it("X-Frame-Options: DENY goes on every path but exactly /embed (as Next matches header sources)", () => {
      // Next compiles `headers()` sources with its own path-to-regexp, case-insensitive.
      const re = pathToRegexp(FRAME_DENY_RULE.source, [], { strict: true, sensitive: false, delimiter: "/" });
      for (const p of ["/", "/chat", "/sign-in", "/embed/signed-in", "/embed.js", "/embedded", "/api/session"])
        expect(re.test(p), p).toBe(true);
      expect(re.test("/embed")).toBe(false);
    });

    it("is framable by the configured origins only; every other page keeps frame-ancestors 'none'", () => {
      vi.stubEnv("GROUNDWORK_EMBED_ORIGINS", "https://intranet.example.com, http://127.0.0.1:3101/");
      const embed = proxy(new NextRequest("http://localhost:3000/embed"));
      expect(frameAncestors(embed.headers.get("content-security-policy"))).toBe(
        "https://intranet.example.com http://127.0.0.1:3101",
      );
      // Next renders from the request's copy of the policy; it must say the same.
      expect(embed.headers.get("x-middleware-request-content-security-policy")).toBe(
        embed.headers.get("content-security-policy"),
      );
      for (const p of ["/", "/chat", "/lookup", "/sign-in", "/embed/signed-in", "/embed.js", "/EMBED", "/embed/"]) {
        const res = proxy(new NextRequest(`http://localhost:3000${p}`));
        expect(frameAncestors(res.headers.get("content-security-policy")), p).toBe("'none'");
      }
    });

    it("with no origins configured, nobody may frame it either", () => {
      vi.stubEnv("GROUNDWORK_EMBED_ORIGINS", "");
      const embed = proxy(new NextRequest("http://localhost:3000/embed"));
      expect(frameAncestors(embed.headers.get("content-security-policy"))).toBe("'none'");
    });

    it("the policy keeps its other directives when framing is allowed", () => {
      const csp = pageCsp({ nonce: "abc", frameAncestors: ["https://a.example"] });
      expect(csp).toContain("frame-ancestors https://a.example;");
      expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
      expect(csp).toContain("object-src 'none'");
    });
  });
});
