import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@groundwork/db", "@groundwork/auth", "@groundwork/models", "@groundwork/retrieval", "@groundwork/assistant", "@groundwork/audit", "@groundwork/ingest"],
  // Native/wasm and socket-level libraries stay as Node modules instead of being bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-pgvector", "@electric-sql/pglite-socket", "pg", "pg-boss"],
  // The load benchmark builds into its own folder so it never races a developer's `.next`.
  distDir: process.env.GROUNDWORK_NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
