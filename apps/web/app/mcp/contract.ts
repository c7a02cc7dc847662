import { z } from "zod";

/**
 * `POST /mcp` carries JSON-RPC 2.0 messages framed by the MCP SDK's Streamable HTTP transport,
 * which validates them against the protocol's own schemas; the wrapper only bounds the body.
 * This is the envelope, for documentation and the OpenAPI description.
 */
export const mcpRequest = z.looseObject({
  jsonrpc: z.literal("2.0"),
  method: z.string().max(200),
  id: z.union([z.string().max(200), z.number()]).optional(),
  params: z.looseObject({}).optional(),
});
