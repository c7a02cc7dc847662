import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { webDir } from "./harness/route-tree";

type Handler = {
  policy?: string;
  token?: { scope: string | ((a: { params: Record<string, string> }) => string); only?: boolean };
};

// Imported by path, as the matrix imports routes: the web's sources type-check under its own (DOM) libs, not this package's.
const { buildOpenApiDocument, OPENAPI_OPERATIONS } = (await import(
  path.join(webDir, "lib/server/developer/openapi-document.ts")
)) as {
  buildOpenApiDocument: () => Record<string, unknown>;
  OPENAPI_OPERATIONS: readonly { method: string; path: string; auth: { token: string } | "session" }[];
};

const PUBLIC_ROUTES = [
  "/v1/models",
  "/v1/chat/completions",
  "/api/search",
  "/api/chat",
  "/api/protocols/azure/chat",
  "/api/protocols/azure/chat/stream",
  "/api/v1/sources/{source}/documents/{externalId}",
  "/api/v1/sources/{source}/bulk",
  "/api/tokens",
  "/api/tokens/{id}",
];

describe("GET /api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document (schema and every $ref checked by swagger-parser)", async () => {
    const document = buildOpenApiDocument();
    expect(document.openapi).toBe("3.1.0");
    // validate() dereferences in place: it gets a copy, the original is checked as served.
    const copy = structuredClone(document);
    await expect(SwaggerParser.validate(copy as never)).resolves.toBeTruthy();
    expect(JSON.stringify(document)).not.toContain("#/$defs/");
  });

  it("a broken document fails the same validation (the check can fail)", async () => {
    const document = structuredClone(buildOpenApiDocument()) as { paths: Record<string, Record<string, unknown>> };
    document.paths["/v1/models"]!.get = { responses: { "200": { content: {} } } };
    await expect(SwaggerParser.validate(document as never)).rejects.toThrow();
  });

  it("lists every public route, with the request and response schemas of its contract", () => {
    const document = buildOpenApiDocument() as {
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(document.paths).sort()).toEqual([...PUBLIC_ROUTES].sort());
    const push = document.components.schemas.PushDocument!;
    expect(Object.keys(push.properties ?? {})).toEqual(
      expect.arrayContaining(["title", "content", "contentType", "file", "url", "updatedAt", "acl"]),
    );
    expect(Object.keys(document.components.schemas.ChatCompletion!.properties ?? {})).toEqual(
      expect.arrayContaining(["choices", "citations", "groundwork"]),
    );
  });

  it.each(OPENAPI_OPERATIONS.map((op) => [op.method.toUpperCase(), op.path, op.auth] as const))(
    "%s %s authenticates as the document says",
    async (method, route, auth) => {
      const file = path.join(webDir, "app", route.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
      const handler = ((await import(file)) as Record<string, Handler>)[method];
      expect(handler, `${method} ${route} has no handler`).toBeDefined();
      if (auth === "session") {
        expect(handler!.token).toBeUndefined();
        expect(handler!.policy).toBe("user");
        return;
      }
      expect(handler!.token?.only).toBe(true);
      const scope = handler!.token!.scope;
      expect(typeof scope === "function" ? scope({ params: { source: "{source}" } }) : scope).toBe(auth.token);
    },
  );
});
