import fs from "node:fs";
import path from "node:path";

/**
 * Registers this server with the Next build it serves: `<distDir>/servers/<pid>` exists while it
 * runs. scripts/bootstrap.mjs refuses to rebuild a build folder with a live server registered
 * (Next reads its build lazily; replacing it underneath a server fails every page until a
 * restart). Returns the unregister function; it also runs on process exit.
 */
export function registerWithBuild({ webDir, distDir }: { webDir: string; distDir: string }): () => void {
  const file = path.join(webDir, distDir, "servers", String(process.pid));
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${new Date().toISOString()}\n`);
  } catch {
    // A read-only build folder: nothing to guard against, the bootstrap cannot rebuild it either.
    return () => undefined;
  }
  const unregister = () => fs.rmSync(file, { force: true });
  process.once("exit", unregister);
  return unregister;
}
