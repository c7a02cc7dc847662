import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_METHODS, listRouteFiles } from "./harness/route-tree";

/**
 * Every route has a contract.ts beside it (its request and response zod schemas), and every
 * method that answers JSON declares its response schema (route({ response })), which the
 * harness checks each response of every governance test against. The exceptions answer
 * something other than JSON on success.
 */
const NOT_JSON: Record<string, string> = {
  "POST /api/chat": "server-sent AnswerEvents (@groundwork/assistant/events)",
  "GET /api/audit/export": "a streamed CSV or JSON file",
  "GET /api/admin/feedback/export": "a JSONL file of golden-set lines",
  "GET /api/documents/[id]/file": "the original file",
  "GET /api/auth/sso-start": "a 303 to the identity provider",
  "GET /api/auth/sso-complete": "a 303 into the app",
  "GET /api/auth/sso/[...nextauth]": "Auth.js' own endpoints",
  "POST /api/auth/sso/[...nextauth]": "Auth.js' own endpoints",
  "GET /embed.js": "the widget's loader script (text/javascript)",
  "POST /mcp": "JSON-RPC 2.0 messages framed by the MCP SDK's transport (its schemas validate them)",
};

const routes = listRouteFiles();

describe("route contracts", () => {
  it.each(routes.map((r) => [r.pattern, r.file] as const))(
    "%s has a contract.ts and declares its JSON responses",
    async (pattern, file) => {
      expect(
        fs.existsSync(path.join(path.dirname(file), "contract.ts")),
        `${pattern} has no contract.ts beside its route.ts`,
      ).toBe(true);
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of HTTP_METHODS.filter((method) => typeof mod[method] === "function")) {
        const key = `${m} ${pattern}`;
        const declared = Boolean((mod[m] as { response?: unknown }).response);
        if (NOT_JSON[key])
          expect(declared, `${key} answers ${NOT_JSON[key]}; drop it from NOT_JSON once it declares a schema`).toBe(
            false,
          );
        else
          expect(
            declared,
            `${key} answers JSON without a response schema (route({ response }) from its contract.ts)`,
          ).toBe(true);
      }
    },
  );
});
