import { z } from "zod";
import { listSetting } from "../connector-config";

const secret = z.string().min(1).optional();

/**
 * A Confluence source: Cloud (REST v2, with v1 where v2 has no equivalent — restrictions, groups,
 * users) authenticated by an Atlassian API token (Basic `email:token`) or an OAuth 2.0 (3LO)
 * access token (Bearer), or Data Center (REST v1) with a personal access token (Bearer).
 * The framework's organisation-group and link-share fields are not offered: Confluence grants
 * reading to users, groups and anonymous visitors only (no tenant-wide or link shares).
 */
export const confluenceConfigSchema = z.object({
  url: z
    .url({
      protocol: /^https?$/,
      error:
        "Give the wiki's address: https://{site}.atlassian.net/wiki for Cloud, the base URL (with any context path, e.g. /confluence) for Data Center, or https://api.atlassian.com/ex/confluence/{cloudId}/wiki with an OAuth token.",
    })
    .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), "Credentials in the URL are not accepted; use --api-token.")
    .transform((u) => u.replace(/\/+$/, ""))
    .meta({
      flag: "--url",
      description:
        "The wiki's base address: https://{site}.atlassian.net/wiki (Cloud) or the Data Center base URL, context path included.",
      example: "https://acme.atlassian.net/wiki",
    }),
  deployment: z.enum(["cloud", "data-center"]).default("cloud").meta({
    flag: "--deployment",
    description: "cloud (REST v2 and v1, API token or OAuth) or data-center (REST v1, personal access token).",
    example: "cloud",
  }),
  email: z
    .email({ error: "Give the e-mail address of the Atlassian account the API token belongs to." })
    .optional()
    .meta({
      flag: "--email",
      description: "Cloud: the Atlassian account whose API token is given (API token authentication).",
      example: "wiki-sync@acme.com",
    }),
  apiToken: secret.meta({
    secret: true,
    flag: "--api-token",
    description: "Cloud: an Atlassian API token (id.atlassian.com → Security → API tokens); with --email.",
  }),
  oauthToken: secret.meta({
    secret: true,
    flag: "--oauth-token",
    description:
      "Cloud: an OAuth 2.0 access token with read:confluence-content.all, read:confluence-space.summary, read:confluence-user and read:confluence-groups (instead of --email and --api-token).",
  }),
  personalAccessToken: secret.meta({
    secret: true,
    flag: "--personal-access-token",
    description:
      "Data Center: a personal access token (profile → Personal Access Tokens) of an account that can read every space to ingest and administer their permissions.",
  }),
  spaces: listSetting.optional().meta({
    flag: "--spaces",
    description: "Space keys to ingest (comma separated); omitted: every current global space the account can read.",
    example: "ENG,HR",
  }),
  includeAttachments: z.boolean().default(true).meta({
    flag: "--include-attachments",
    description: "Ingest pages' attachments in formats we parse (PDF, DOCX, …) with their page's access.",
  }),
  webhookSecret: secret.meta({
    secret: true,
    flag: "--webhook-secret",
    description:
      "The secret of the Confluence webhook (page and restriction events) posting to this source's hook URL, which signs each request (X-Hub-Signature); unset: notifications are refused and polling alone keeps the source current.",
  }),
  pageSize: z.coerce.number().int().min(1).max(250).default(100).meta({
    flag: "--page-size",
    description:
      "Results per request on paginated lists (Confluence answers at most 250 on v2, fewer with bodies on v1).",
    example: "100",
  }),
});

export type ConfluenceConfig = z.output<typeof confluenceConfigSchema>;
