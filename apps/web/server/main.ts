import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import next from "next";
import { DEMO_PASSWORD, DEMO_USERS, seedDemoUsers } from "@groundwork/auth/seed";
import { openDatabase, setSharedDb } from "@groundwork/db/client";
import { migrateDatabase } from "@groundwork/db/migrate";
import { registerWithBuild } from "./dist-registration";
import { readServerEnv } from "./server-env";
import { startServices } from "./start-services";
import { startWorkerProcess } from "./worker-process";

/**
 * The web process of `npm start`: owns the embedded database (or connects to DATABASE_URL),
 * migrates, seeds, serves the Next.js app and, with GROUNDWORK_ROLE=all (the default), starts
 * the ingestion worker (apps/worker) as its child process. GROUNDWORK_ROLE=web serves only;
 * workers then run as `pnpm --filter @groundwork/worker start`, here or on other machines.
 */
// The repo-root .env (see .env.example); variables already in the environment win.
const envFile = path.resolve(import.meta.dirname, "..", "..", "..", ".env");
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

const serverEnv = readServerEnv();
const { PORT: port, HOST: host, GROUNDWORK_ROLE: role } = serverEnv;
const dev = serverEnv.GROUNDWORK_DEV === "1";
const started = Date.now();
if (role === "worker")
  throw new Error(
    "GROUNDWORK_ROLE=worker runs apps/worker (`pnpm --filter @groundwork/worker start`), not the web server.",
  );

const handle = await openDatabase({ own: "if-absent" });
setSharedDb(handle);
await migrateDatabase({ db: handle.db });
await seedDemoUsers({ db: handle.db });
const services = await startServices({ handle, sampleCorpus: serverEnv.GROUNDWORK_SAMPLE_CORPUS !== "off" });
// After migrating: the worker waits for current migrations, and joins the embedded database through our socket.
const worker = role === "all" ? startWorkerProcess({ log: (line) => console.log(line) }) : undefined;

const app = next({ dev, dir: path.resolve(import.meta.dirname, ".."), hostname: host, port });
await app.prepare();
// The build folder this server reads (lazily, for as long as it runs): the bootstrap must not rebuild it meanwhile.
const unregister = registerWithBuild({
  webDir: path.resolve(import.meta.dirname, ".."),
  distDir: serverEnv.GROUNDWORK_NEXT_DIST_DIR,
});
const requestHandler = app.getRequestHandler();
/**
 * The address sign-in throttling keys on ((lib/server/auth/sign-in-throttle.ts)): always overwritten, so
 * a client cannot choose it; behind a proxy the operator vouches for, the hop that proxy saw.
 */
function clientAddress(req: http.IncomingMessage): string {
  const forwarded =
    serverEnv.GROUNDWORK_TRUST_PROXY === "1"
      ? String(req.headers["x-forwarded-for"] ?? "")
          .split(",")
          .at(-1)
          ?.trim()
      : "";
  return forwarded || req.socket.remoteAddress || "";
}
const server = http.createServer((req, res) => {
  req.headers["x-groundwork-client-address"] = clientAddress(req);
  void requestHandler(req, res);
});
await new Promise<void>((resolve) => server.listen(port, host, resolve));

const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);
console.log(
  [
    "",
    `Groundwork is ready at http://localhost:${port}  (${handle.mode} database${handle.owner ? `, ${handle.owner.sharedBuffers} page cache, served on 127.0.0.1:${handle.owner.port}` : ""}; started in ${((Date.now() - started) / 1000).toFixed(1)} s; memory ${rssMb} MB resident)`,
    `Demo sign-ins (password "${DEMO_PASSWORD}"):`,
    ...DEMO_USERS.map(
      (u) =>
        `  ${u.username.padEnd(8)} ${u.role.padEnd(9)} ${u.groups.length ? `groups: ${u.groups.join(", ")}` : "groups: everyone"}`,
    ),
    "",
  ].join("\n"),
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[server] ${signal}: shutting down`);
  server.close();
  // The worker finishes its batch while the database is still up.
  await worker?.stop().catch(() => undefined);
  await services.stop().catch(() => undefined);
  await handle.close().catch(() => undefined);
  unregister();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
