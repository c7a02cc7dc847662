// Starts the product for the e2e run: a fresh embedded data dir, and the in-suite
// OpenAI-compatible server as the chat model, so answers stream deterministically.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";

const dataDir = process.env.GROUNDWORK_DATA_DIR;
const here = path.dirname(new URL(import.meta.url).pathname);
const fakeServer = path.resolve(here, "../../../packages/models/src/testing/fake-openai-server.ts");
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(`${dataDir}.lock`, { force: true });

const children = [];
const stopAll = () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
};
process.on("SIGTERM", stopAll);
process.on("SIGINT", stopAll);

/** Spawns a helper process and resolves with the first JSON line it prints. */
function startHelper(command, args) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit"], env: process.env });
  children.push(child);
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.on("line", (line) => {
      try {
        resolve(JSON.parse(line));
      } catch {
        // not the JSON line
      }
    });
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}`)));
  });
}

// A small delay between streamed chunks makes streaming observable (stop button, live text).
const { baseURL } = await startHelper("pnpm", ["exec", "tsx", fakeServer, "--port", "0", "--chunk-delay", "15"]);
const oidc = await startHelper("node", [path.join(here, "fake-oidc-server.mjs")]);
console.log(`[e2e] fake OpenAI-compatible server at ${baseURL}; fake OIDC issuer at ${oidc.fakeOidcIssuer}`);

const app = spawn("pnpm", ["exec", "tsx", "server/main.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    LLM_BASE_URL: baseURL,
    LLM_API_KEY: "e2e",
    LLM_MODEL: "fake-e2e",
    LLM_TIMEOUT_MS: "10000",
    OIDC_ISSUER: oidc.fakeOidcIssuer,
    OIDC_CLIENT_ID: oidc.clientId,
    OIDC_CLIENT_SECRET: oidc.clientSecret,
    OIDC_DISPLAY_NAME: "Quillfeather SSO",
  },
});
children.push(app);
app.on("exit", (code) => {
  stopAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(`${dataDir}.lock`, { force: true });
  // The run folder (data dir + uploads beside it) when the config made one.
  if (path.basename(path.dirname(dataDir)).startsWith("groundwork-e2e-"))
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  process.exit(code ?? 0);
});
