import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { documents } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { createSource } from "@groundwork/ingest";
import { runSource } from "@groundwork/ingest/testing";
import { startAppHarness, type AppHarness, type Session } from "./harness/app-harness";
import { webDir } from "./harness/route-tree";

/**
 * Upload limits and faults through the real admin upload API: size and type checks answer a
 * clear 4xx per file, and a disk that fills up mid-write leaves no partial document behind.
 */
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};
const uploadsFile = path.join(webDir, "app/api/admin/uploads/route.ts");

type UploadResult = {
  stored?: { path: string }[];
  errors?: { filename: string; message: string }[];
  error?: { code: string; message: string };
};

function form({
  source,
  files,
  acl = "hr",
}: {
  source: string;
  files: { name: string; content: string | Uint8Array }[];
  acl?: string;
}): FormData {
  const f = new FormData();
  f.set("source", source);
  f.set("acl", acl);
  for (const file of files)
    f.append(
      "files",
      new Blob([typeof file.content === "string" ? file.content : new Uint8Array(file.content)]),
      file.name,
    );
  return f;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(path.relative(dir, path.join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

describe.each(await availableTargets())("upload limits on %s", (target) => {
  let app: AppHarness;
  let admin: Session;
  let upload: Handler;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gw-uploads-"));

  beforeAll(async () => {
    vi.stubEnv("GROUNDWORK_INGEST_MAX_FILE_MB", "0.01"); // ~10 KB
    app = await startAppHarness({ target });
    admin = await app.signIn("admin");
    await createSource({ db: app.db, name: "up", kind: "upload", path: root });
    upload = ((await import(uploadsFile)) as { POST: Handler }).POST;
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    vi.unstubAllEnvs();
    await app?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const send = async (body: FormData, session: Session | null = admin) => {
    const res = await app.invoke({ handler: upload, method: "POST", path: "/api/admin/uploads", session, body });
    return { status: res.status, body: (await res.json()) as UploadResult };
  };

  it("stores an accepted file and reports oversized and unsupported ones per file with a clear message", async () => {
    const r = await send(
      form({
        source: "up",
        files: [
          { name: "ok.md", content: "# Fine\n\nA small policy." },
          { name: "huge.md", content: "x".repeat(20_000) },
          { name: "tool.exe", content: "MZ\u0000\u0001" },
        ],
      }),
    );
    expect(r.status).toBe(201);
    expect(r.body.stored?.map((s) => s.path)).toEqual(["ok.md"]);
    const messages = Object.fromEntries((r.body.errors ?? []).map((e) => [e.filename, e.message]));
    expect(messages["huge.md"]).toMatch(/larger than the limit/i);
    expect(messages["tool.exe"]).toMatch(/unsupported file type \.exe/i);
    expect(fs.existsSync(path.join(root, "huge.md"))).toBe(false);
    expect(fs.existsSync(path.join(root, "tool.exe"))).toBe(false);
  });

  it("answers 400 when every file is refused, and refuses path tricks in names", async () => {
    const r = await send(
      form({
        source: "up",
        files: [
          { name: "../escape.md", content: "# x\n\ny" },
          { name: ".hidden.md", content: "# x\n\ny" },
        ],
      }),
    );
    expect(r.status).toBe(400);
    expect(r.body.errors).toHaveLength(2);
    for (const e of r.body.errors ?? []) expect(e.message).toMatch(/not allowed/i);
    expect(fs.existsSync(path.join(root, "..", "escape.md"))).toBe(false);
  });

  it("refuses a request body over the upload limit before reading it", async () => {
    const res = await app.invoke({
      handler: upload,
      method: "POST",
      path: "/api/admin/uploads",
      session: admin,
      body: "x",
      headers: { "content-length": String(1024 * 1024 * 1024), "content-type": "multipart/form-data; boundary=x" },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as UploadResult).error?.message).toMatch(/too large/i);
  });

  it("stops reading a chunked upload at the upload limit, with or without Content-Length, and refuses other types", async () => {
    // ~1 MB limit here (4 × 10 KB files + 1 MB of form overhead); the body keeps coming for 50 MB.
    for (const declared of [undefined, "2000"]) {
      const state = { pulled: 0, cancelled: false };
      const block = new TextEncoder().encode("--x\r\n" + "y".repeat(64 * 1024 - 5));
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (state.pulled >= 50 * 1024 * 1024) return controller.close();
          state.pulled += block.byteLength;
          controller.enqueue(block.slice());
        },
        cancel() {
          state.cancelled = true;
        },
      });
      const res = await app.invoke({
        handler: upload,
        method: "POST",
        path: "/api/admin/uploads",
        session: admin,
        body: stream,
        headers: {
          "content-type": "multipart/form-data; boundary=x",
          ...(declared ? { "content-length": declared } : {}),
        },
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as UploadResult).error?.message).toMatch(/too large/i);
      expect(state.pulled, "bytes pulled from the 50 MB upload").toBeLessThan(2 * 1024 * 1024);
      expect(state.cancelled).toBe(true);
    }
    const json = await app.invoke({
      handler: upload,
      method: "POST",
      path: "/api/admin/uploads",
      session: admin,
      body: { source: "up" },
    });
    expect(json.status).toBe(415);
  });

  it("disk full mid-write: a clear error, nothing half-written, no document after the next run", async () => {
    const realWrite = fsp.writeFile;
    vi.spyOn(fsp, "writeFile").mockImplementation(async (file, data, options) => {
      if ((file as string | URL | Buffer).toString().includes("full.md")) {
        // Some bytes reach the disk, then the device is full — as ENOSPC happens in practice.
        await realWrite(
          file,
          typeof data === "string" ? data.slice(0, 3) : (data as Uint8Array).subarray(0, 3),
          options,
        );
        throw Object.assign(new Error("ENOSPC: no space left on device, write"), {
          code: "ENOSPC",
          errno: -28,
          syscall: "write",
        });
      }
      return realWrite(file, data, options);
    });
    const r = await send(
      form({ source: "up", files: [{ name: "full.md", content: "# Full\n\nThis never fits on the disk." }] }),
    );
    vi.restoreAllMocks();
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(600);
    const message = r.body.errors?.[0]?.message ?? r.body.error?.message ?? "";
    expect(message, "the user is told the disk is full").toMatch(/disk|space|storage/i);
    // Only the ACL sidecar may remain (written first, rewritten by the next upload of that name).
    expect(
      listFiles(root).filter((f) => f.includes("full.md") && !f.endsWith("full.md.json")),
      "no partial file of the failed upload remains",
    ).toEqual([]);
    const run = await runSource({ db: app.db, name: "up" });
    expect(run.status).toBe("succeeded");
    const docs = await app.db.select({ path: documents.path }).from(documents).where(eq(documents.status, "active"));
    expect(docs.map((d) => d.path)).toEqual(["ok.md"]);
  });

  it("is admin-only", async () => {
    const emma = await app.signIn("employee");
    expect((await send(form({ source: "up", files: [{ name: "a.md", content: "# a\n\nb" }] }), emma)).status).toBe(403);
  });
});
