import { describe, expect, it } from "vitest";
import { allowedOrigins, configuredPublicOrigin, isSameOrigin } from "./origin";

function req(headers: Record<string, string>): Request {
  return new Request("http://internal:3000/api/x", { method: "POST", headers });
}

describe("allowed origins", () => {
  it("is exactly the configured public URL's origin, whatever the request says", () => {
    const env = { GROUNDWORK_PUBLIC_URL: "https://kb.example.com/some/path", HOST: "0.0.0.0", PORT: "3000" };
    expect(allowedOrigins({ req: req({ host: "evil.example", "x-forwarded-host": "evil.example" }), env })).toEqual([
      "https://kb.example.com",
    ]);
    expect(isSameOrigin({ req: req({ origin: "https://kb.example.com" }), env })).toBe(true);
    expect(isSameOrigin({ req: req({ origin: "http://kb.example.com" }), env })).toBe(false);
    expect(isSameOrigin({ req: req({ origin: "https://kb.example.com:8443" }), env })).toBe(false);
    expect(
      isSameOrigin({
        req: req({ origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }),
        env,
      }),
    ).toBe(false);
  });

  it("defaults to the loopback names at PORT when bound to loopback (npm start prints localhost)", () => {
    const env = { HOST: "127.0.0.1", PORT: "3100" };
    expect(allowedOrigins({ req: req({}), env })).toEqual([
      "http://localhost:3100",
      "http://127.0.0.1:3100",
      "http://[::1]:3100",
    ]);
    expect(isSameOrigin({ req: req({ origin: "http://localhost:3100" }), env })).toBe(true);
    expect(isSameOrigin({ req: req({ origin: "http://localhost:3000" }), env })).toBe(false);
    expect(isSameOrigin({ req: req({ origin: "https://127.0.0.1:3100" }), env })).toBe(false);
    // Forwarded headers mean nothing without a trusted proxy.
    expect(
      isSameOrigin({
        req: req({ origin: "http://evil.example", host: "evil.example", "x-forwarded-host": "evil.example" }),
        env,
      }),
    ).toBe(false);
  });

  it("uses https for the default when cookies are Secure", () => {
    expect(
      allowedOrigins({ req: req({}), env: { HOST: "kb.internal", PORT: "443", GROUNDWORK_SECURE_COOKIES: "1" } }),
    ).toEqual(["https://kb.internal"]);
  });

  it("on a wildcard bind, takes the Host header (never X-Forwarded-Host) at the configured scheme", () => {
    const env = { HOST: "0.0.0.0", PORT: "3000" };
    const r = req({ host: "10.0.0.5:3000", "x-forwarded-host": "evil.example" });
    expect(allowedOrigins({ req: r, env })).toEqual(["http://10.0.0.5:3000"]);
    expect(isSameOrigin({ req: req({ host: "10.0.0.5:3000", origin: "https://10.0.0.5:3000" }), env })).toBe(false);
  });

  it("behind a trusted proxy, the first forwarded host and proto", () => {
    const env = { GROUNDWORK_TRUST_PROXY: "1" };
    const r = req({
      host: "app:3000",
      "x-forwarded-host": "kb.example.com, app:3000",
      "x-forwarded-proto": "https,http",
    });
    expect(allowedOrigins({ req: r, env })).toEqual(["https://kb.example.com"]);
  });

  it("refuses missing, opaque and malformed origins; falls back to the Referer's origin", () => {
    const env = { GROUNDWORK_PUBLIC_URL: "http://localhost:3000" };
    expect(isSameOrigin({ req: req({}), env })).toBe(false);
    expect(isSameOrigin({ req: req({ origin: "null" }), env })).toBe(false);
    expect(isSameOrigin({ req: req({ origin: "not a url" }), env })).toBe(false);
    expect(isSameOrigin({ req: req({ origin: "javascript:alert(1)" }), env })).toBe(false);
    expect(isSameOrigin({ req: req({ referer: "http://localhost:3000/chat?x=1" }), env })).toBe(true);
  });

  it("rejects a malformed GROUNDWORK_PUBLIC_URL with a clear message", () => {
    expect(() => configuredPublicOrigin({ GROUNDWORK_PUBLIC_URL: "kb.example.com" })).toThrow(
      /GROUNDWORK_PUBLIC_URL must be an http\(s\) URL/,
    );
    expect(configuredPublicOrigin({})).toBeNull();
  });
});
