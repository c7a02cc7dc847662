import OpenAI from "openai";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createApiToken } from "@groundwork/auth";
import { resolvePrincipal } from "@groundwork/auth/principal";
import type { TokenScope } from "@groundwork/auth";
import type { Database } from "@groundwork/db/client";

/**
 * The real clients the developer suites drive Groundwork with: the official `openai` SDK and
 * the MCP SDK's client over Streamable HTTP, each pointed at the route server (route-server.ts)
 * with an API token, plus tokens issued exactly as `pnpm admin tokens create` issues them.
 */
export const ALL_READ_SCOPES: TokenScope[] = ["search", "chat", "documents:read"];

export async function issueToken({
  db,
  username,
  scopes = ALL_READ_SCOPES,
  rateLimitPerMinute,
  name = "suite",
}: {
  db: Database;
  username: string;
  scopes?: TokenScope[];
  rateLimitPerMinute?: number;
  name?: string;
}): Promise<{ token: string; id: string }> {
  const { userId } = await resolvePrincipal({ db, username });
  const { token, listing } = await createApiToken({
    db,
    userId,
    name,
    scopes,
    ...(rateLimitPerMinute ? { rateLimitPerMinute } : {}),
  });
  return { token, id: listing.id };
}

/** The openai SDK against Groundwork; retries off, so a 429 or 5xx reaches the test as it was answered. */
export function openaiClient({ baseUrl, token }: { baseUrl: string; token: string }): OpenAI {
  return new OpenAI({ baseURL: `${baseUrl}/v1`, apiKey: token, maxRetries: 0, timeout: 60_000 });
}

export type McpCaller = {
  client: Client;
  callTool(name: string, args: Record<string, unknown>): Promise<McpToolResult>;
  close(): Promise<void>;
};

export type McpToolResult = {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
  raw: unknown;
};

/** An MCP client session (initialize handshake included) as the token's owner. */
export async function connectMcp({ baseUrl, token }: { baseUrl: string; token: string }): Promise<McpCaller> {
  const client = new Client({ name: "groundwork-governance", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("/mcp", baseUrl), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return {
    client,
    async callTool(name, args) {
      const raw = await client.callTool({ name, arguments: args });
      const content = (raw.content ?? []) as { type: string; text?: string }[];
      return {
        isError: raw.isError === true,
        text: content.map((c) => c.text ?? "").join("\n"),
        structured: raw.structuredContent as Record<string, unknown> | undefined,
        raw,
      };
    },
    close: () => client.close(),
  };
}
