import fs from "node:fs";
import path from "node:path";
import { readSse, type AppHarness, type Session } from "./app-harness";
import { webDir } from "./route-tree";

/**
 * The product's user-facing API as the suites drive it: search, chat (SSE), conversations,
 * viewer page, download, audit — each through the real handler or page module.
 */
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};
type Mod = Partial<Record<"GET" | "POST" | "PATCH" | "DELETE", Handler>>;

export const routeFile = (rel: string) => path.join(webDir, "app/api", rel, "route.ts");
export const pageFile = (rel: string) => path.join(webDir, "app/(app)", rel, "page.tsx");
export const exists = (file: string) => fs.existsSync(file);

async function mod(rel: string): Promise<Mod> {
  return (await import(routeFile(rel))) as Mod;
}

export type Reply = { status: number; text: string; json: unknown };

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, text, json };
}

export async function searchAs({
  app,
  session,
  query,
}: {
  app: AppHarness;
  session: Session | null;
  query: string;
}): Promise<Reply> {
  const m = await mod("search");
  if (m.POST)
    return reply(await app.invoke({ handler: m.POST, method: "POST", path: "/api/search", session, body: { query } }));
  return reply(await app.invoke({ handler: m.GET!, path: `/api/search?q=${encodeURIComponent(query)}`, session }));
}

export type ChatReply = {
  status: number;
  text: string;
  events: { event: string; data: unknown }[];
  conversationId: string | null;
};

export async function chatAs({
  app,
  session,
  question,
  conversationId,
}: {
  app: AppHarness;
  session: Session | null;
  question: string;
  conversationId?: string;
}): Promise<ChatReply> {
  const m = await mod("chat");
  const res = await app.invoke({
    handler: m.POST!,
    method: "POST",
    path: "/api/chat",
    session,
    body: { question, ...(conversationId ? { conversationId } : {}) },
  });
  if (!(res.headers.get("content-type") ?? "").includes("text/event-stream")) {
    const r = await reply(res);
    return { status: r.status, text: r.text, events: [], conversationId: null };
  }
  const clone = res.clone();
  const events = await readSse(res);
  const text = await clone.text();
  const done = events.find((e) => e.event === "done")?.data as { conversationId?: string } | undefined;
  return { status: res.status, text, events, conversationId: done?.conversationId ?? null };
}

export async function getAs({
  app,
  session,
  rel,
  params = {},
  query = "",
}: {
  app: AppHarness;
  session: Session | null;
  rel: string;
  params?: Record<string, string>;
  query?: string;
}): Promise<Reply> {
  const m = await mod(rel);
  const p = `/api/${rel.replace(/\[(\w+)\]/g, (_, k: string) => params[k] ?? "")}${query}`;
  return reply(await app.invoke({ handler: m.GET!, path: p, params, session }));
}

/** JSON of a page's returned element tree: every prop a server component hands down. */
export function elementText(node: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(node, (key, value: unknown) => {
    if (key === "_owner" || key === "_store" || key === "_debugStack" || key === "_debugTask") return undefined;
    if (typeof value === "function") return `[fn ${(value as { name?: string }).name ?? ""}]`;
    if (typeof value === "symbol" || typeof value === "bigint") return String(value);
    if (value && typeof value === "object") {
      if (seen.has(value)) return undefined;
      seen.add(value);
    }
    return value;
  });
}

export type PageOutcome = { outcome: "rendered" | "sign-in" | "not-found" | "redirect"; text: string };

export async function renderPage({
  file,
  session,
  params = {},
  searchParams = {},
  scope,
}: {
  file: string;
  session: Session | null;
  params?: Record<string, string>;
  searchParams?: Record<string, string>;
  scope: <T>(args: { session: Session | null; fn: () => Promise<T> }) => Promise<T>;
}): Promise<PageOutcome> {
  const page = (await import(file)) as { default: (p: unknown) => unknown };
  try {
    const tree = await scope({
      session,
      fn: async () => page.default({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) }),
    });
    return { outcome: "rendered", text: elementText(tree) };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT"))
      return { outcome: digest.includes("/sign-in") ? "sign-in" : "redirect", text: digest };
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK")) return { outcome: "not-found", text: digest };
    throw error;
  }
}
