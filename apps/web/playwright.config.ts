import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// Nested one level: upload sources live beside the data dir, so the whole run stays in one folder.
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `groundwork-e2e-${process.pid}`, "data");

// Debian's Chromium, never a downloaded browser. The flags keep it off the (closed) network.
export default defineConfig({
  testDir: "./e2e",
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `node e2e/start-e2e-server.mjs`,
    url: `http://127.0.0.1:${port}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    // SIGTERM (not Playwright's default SIGKILL) so the starter stops its helpers and removes the data dir.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      GROUNDWORK_DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      // The widget's host page in e2e/embed.spec.ts (same site, another port).
      GROUNDWORK_EMBED_ORIGINS: `http://127.0.0.1:${port + 1}`,
    },
  },
});
