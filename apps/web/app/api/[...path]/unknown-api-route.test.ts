import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { GET, POST, DELETE } = await import("./route");

describe("unknown API routes", () => {
  it.each([
    ["GET", GET],
    ["POST", POST],
    ["DELETE", DELETE],
  ] as const)("%s answers the JSON 404 error shape, not an HTML page", async (method, handler) => {
    const res = await handler(new Request("http://localhost/api/nope", { method }), {
      params: Promise.resolve({ path: ["nope"] }),
    });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: { code: "not_found", message: "There is no such API route." } });
  });
});
