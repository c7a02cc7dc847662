import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "./client";
import { lockPathFor, readLock, startEmbeddedOwner, type EmbeddedOwner } from "./embedded";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "gw-auth-"));
// Open like a shared parent dir: only the lock file's and the data dir's own modes protect them.
fs.chmodSync(root, 0o755);
const dataDir = path.join(root, "data");
let owner: EmbeddedOwner;

beforeAll(async () => {
  // A data dir someone left open to others is tightened by the owner.
  fs.mkdirSync(dataDir, { mode: 0o755 });
  fs.chmodSync(dataDir, 0o755);
  owner = await startEmbeddedOwner({ dataDir });
});
afterAll(async () => {
  await owner?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

function int32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

function startupMessage(): Buffer {
  const body = Buffer.concat([int32(196608), Buffer.from("user\0postgres\0database\0postgres\0\0")]);
  return Buffer.concat([int32(body.length + 4), body]);
}

function query(sql: string): Buffer {
  const body = Buffer.from(`${sql}\0`);
  return Buffer.concat([Buffer.from("Q"), int32(body.length + 4), body]);
}

/** Speaks raw wire protocol: sends `chunks` one after another, returns everything received until the server closes. */
async function rawExchange(
  chunks: Buffer[],
  { waitForCloseMs = 5_000 } = {},
): Promise<{ received: Buffer; closed: boolean }> {
  const socket = net.connect({ host: "127.0.0.1", port: owner.port });
  const parts: Buffer[] = [];
  socket.on("data", (d: Buffer) => parts.push(d));
  socket.on("error", () => undefined);
  const closing = new Promise<boolean>((resolve) => {
    socket.once("close", () => resolve(true));
    setTimeout(() => resolve(false), waitForCloseMs);
  });
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  for (const chunk of chunks) {
    if (!socket.writable) break;
    socket.write(chunk);
    await new Promise((r) => setTimeout(r, 100));
  }
  const closed = await closing;
  socket.destroy();
  return { received: Buffer.concat(parts), closed };
}

/** The backend messages in a buffer: type and body. */
function messages(buffer: Buffer): { type: string; body: Buffer }[] {
  const out: { type: string; body: Buffer }[] = [];
  for (let i = 0; i + 5 <= buffer.length;) {
    const length = buffer.readInt32BE(i + 1);
    out.push({ type: String.fromCharCode(buffer[i]!), body: buffer.subarray(i + 5, i + 1 + length) });
    i += 1 + length;
  }
  return out;
}

const connectAs = (password?: string) =>
  new pg.Client({
    host: "127.0.0.1",
    port: owner.port,
    user: "postgres",
    database: "postgres",
    ...(password === undefined ? {} : { password }),
    connectionTimeoutMillis: 5_000,
  });

async function connectError(client: pg.Client): Promise<(Error & { code?: string }) | null> {
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return error as Error & { code?: string };
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe("embedded socket authentication", () => {
  it("refuses a client without the password, or with a wrong one, with 28P01 before any query runs", async () => {
    const none = await connectError(connectAs());
    expect(none, "no password").not.toBeNull();
    const wrong = await connectError(connectAs("not-the-password"));
    expect(wrong?.code).toBe("28P01");
    expect(wrong?.message).toBe("password authentication failed");
    // One character off: still refused.
    const real = owner.connection().password;
    const nearly = await connectError(connectAs(`${real.slice(0, -1)}${real.endsWith("A") ? "B" : "A"}`));
    expect(nearly?.code).toBe("28P01");

    // A raw client that ignores the authentication request and sends a query at once gets no rows.
    const attack = await rawExchange([startupMessage(), query("select 'leaked' as secret")]);
    const replies = messages(attack.received);
    expect(replies[0]?.type).toBe("R");
    expect(replies[0]!.body.readInt32BE(0)).toBe(10); // AuthenticationSASL
    expect(replies[0]!.body.toString("latin1")).toContain("SCRAM-SHA-256");
    expect(replies.map((m) => m.type)).not.toContain("D");
    expect(replies.map((m) => m.type)).not.toContain("Z");
    const error = replies.find((m) => m.type === "E");
    expect(error?.body.toString("utf8")).toContain("C28P01\0");
    expect(attack.received.toString("latin1")).not.toContain("leaked");
    expect(attack.closed).toBe(true);
  });

  it("declines SSL and GSSAPI encryption with 'N' before startup, then authenticates with the lock's password", async () => {
    const ssl = await rawExchange(
      [Buffer.concat([int32(8), int32(80877103)]), Buffer.concat([int32(8), int32(80877104)]), startupMessage()],
      { waitForCloseMs: 300 },
    );
    expect(ssl.received.subarray(0, 2).toString("latin1")).toBe("NN");
    expect(messages(ssl.received.subarray(2))[0]?.type).toBe("R");

    const password = readLock(dataDir)?.password;
    expect(password).toBe(owner.connection().password);
    const client = connectAs(password);
    await client.connect();
    try {
      expect((await client.query("select 1 as n")).rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });

  it("keeps the password in the lock file alone, which only the owner's user can read, and a private data dir", () => {
    const lockPath = lockPathFor(dataDir);
    expect(fs.statSync(lockPath).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    const password = readLock(dataDir)!.password!;
    // 256 random bits, base64url.
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(owner.url).not.toContain(password);
    expect(JSON.stringify(owner)).not.toContain(password);
    // No temporary lock files left behind.
    expect(fs.readdirSync(root).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("lets a second process of the same user connect through the lock; another user gets a clear error", () => {
    const fixture = path.join(import.meta.dirname, "fixtures", "connect-embedded.ts");
    const run = (options: { uid?: number; gid?: number } = {}) => {
      const r = spawnSync(process.execPath, ["--import", "tsx", fixture], {
        cwd: path.join(import.meta.dirname, ".."),
        env: { ...process.env, DATABASE_URL: "", GROUNDWORK_DATA_DIR: dataDir },
        encoding: "utf8",
        timeout: 60_000,
        ...options,
      });
      return JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { n?: number; error?: string };
    };
    expect(run()).toEqual({ n: 42 });
    const refused = { error: `cannot read ${lockPathFor(dataDir)}: run as the user that started Groundwork` };
    // Root reads any file, so as root "another user" is a real one (nobody); otherwise the
    // lock is made unreadable to this user for a moment.
    if (process.getuid?.() === 0) {
      expect(run({ uid: 65534, gid: 65534 })).toEqual(refused);
    } else {
      fs.chmodSync(lockPathFor(dataDir), 0o000);
      try {
        expect(run()).toEqual(refused);
      } finally {
        fs.chmodSync(lockPathFor(dataDir), 0o600);
      }
    }
  });

  // Last: it restarts the owner. The new start has a new password, even on the same port.
  it("follows a restart on the same port to its new password (a shared handle does not stay on the old one)", async () => {
    vi.stubEnv("GROUNDWORK_DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    try {
      const before = await getDb();
      expect((await before.pool.query("select 1 as n")).rows[0].n).toBe(1);
      const { port, password } = owner.connection();
      await owner.close();
      owner = await startEmbeddedOwner({ dataDir, port });
      expect(owner.port).toBe(port);
      expect(owner.connection().password).not.toBe(password);
      const after = await getDb();
      expect(after).not.toBe(before);
      expect((await after.pool.query("select 2 as n")).rows[0].n).toBe(2);
      await after.close();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
