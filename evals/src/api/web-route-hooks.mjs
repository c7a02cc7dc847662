// Module hooks that let a plain Node process (tsx) import the web app's route handlers, as the
// governance suites' vitest aliases do: `~/` is apps/web, and `server-only` (which throws outside
// Next's server graph) is its empty twin.
import path from "node:path";
import { pathToFileURL } from "node:url";

const web = path.resolve(import.meta.dirname, "../../../apps/web");

export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only")
    return { url: pathToFileURL(path.join(web, "node_modules/server-only/empty.js")).href, shortCircuit: true };
  if (specifier.startsWith("~/")) return nextResolve(pathToFileURL(path.join(web, specifier.slice(2))).href, context);
  return nextResolve(specifier, context);
}
