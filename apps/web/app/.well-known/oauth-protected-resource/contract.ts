import { z } from "zod";

/** RFC 9728 protected-resource metadata, the fields Groundwork sends. */
export const protectedResourceMetadata = z.strictObject({
  resource: z.string(),
  resource_name: z.string(),
  authorization_servers: z.array(z.string()).optional(),
  bearer_methods_supported: z.array(z.string()),
  scopes_supported: z.array(z.string()),
  resource_documentation: z.string(),
});
