import { z } from "zod";
import { externalAccessConfigFields } from "../external-access";

const secret = z.string().min(1).optional();

/**
 * A Zendesk Guide (Help Center) source. Authentication is an API token (sent as
 * `{email}/token:{token}` in Basic auth, the form Zendesk documents) or an OAuth access token
 * (Bearer); the account must be an agent or admin, because the incremental article export and
 * the user segments are not open to end users.
 */
export const zendeskConfigSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "Give the Help Center's address as https://{subdomain}.zendesk.com." })
    .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), "Credentials in the URL are not accepted; use --api-token.")
    .meta({
      flag: "--url",
      description: "The Zendesk account's address (its subdomain or host-mapped domain).",
      example: "https://acme.zendesk.com",
    }),
  email: z.email({ error: "Give the e-mail address of the agent the API token belongs to." }).optional().meta({
    flag: "--email",
    description: "The agent or admin whose API token is given (API token authentication).",
    example: "kb-sync@acme.com",
  }),
  apiToken: secret.meta({
    secret: true,
    flag: "--api-token",
    description: "A Zendesk API token (Admin Center → Apps and integrations → Zendesk API); with --email.",
  }),
  oauthToken: secret.meta({
    secret: true,
    flag: "--oauth-token",
    description: "An OAuth access token with the read scope (instead of --email and --api-token).",
  }),
  webhookSigningSecret: secret.meta({
    secret: true,
    flag: "--webhook-signing-secret",
    description:
      "The signing secret of the Zendesk webhook that posts article and user events to this source's hook URL; unset: notifications are refused and polling alone keeps the source current.",
  }),
  pageSize: z.coerce.number().int().min(1).max(100).default(100).meta({
    flag: "--page-size",
    description: "Records per request on cursor-paginated lists (Zendesk answers at most 100).",
    example: "100",
  }),
  // The framework's field, described for what it stands for here: Guide's built-in "Signed-in users".
  organisationGroup: externalAccessConfigFields.organisationGroup.meta({
    flag: "--organisation-group",
    description:
      "The Groundwork group that stands for Zendesk's 'Signed-in users' (every account that can sign in to the Help Center); unset: articles restricted to signed-in users are admins-only.",
    example: "support",
  }),
});

export type ZendeskConfig = z.output<typeof zendeskConfigSchema>;
