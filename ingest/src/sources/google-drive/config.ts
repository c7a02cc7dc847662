import { z } from "zod";
import { externalAccessConfigFields } from "../external-access";

const url = (what: string) =>
  z
    .url({ protocol: /^https?$/, error: `Give the ${what} as http(s)://host/path.` })
    .transform((u) => u.replace(/\/+$/, ""));

export const googleDriveConfigSchema = z
  .object({
    serviceAccountKey: z.string().min(1).optional().meta({
      secret: true,
      flag: "--service-account-key",
      description:
        "The service account's JSON key (the whole file's text), for domain-wide delegation; with --subject.",
    }),
    subject: z.email().optional().meta({
      flag: "--subject",
      description:
        "The Workspace user the service account acts as (domain-wide delegation); an admin when --sync-groups is on.",
      example: "drive-reader@example.com",
    }),
    clientId: z.string().trim().min(1).optional().meta({
      flag: "--client-id",
      description: "OAuth client id, when signing in as one user with a refresh token instead of a service account.",
    }),
    clientSecret: z
      .string()
      .min(1)
      .optional()
      .meta({ secret: true, flag: "--client-secret", description: "OAuth client secret." }),
    refreshToken: z.string().min(1).optional().meta({
      secret: true,
      flag: "--refresh-token",
      description: "OAuth refresh token of the user whose Drive is read (scope drive.readonly).",
    }),
    domain: z.string().trim().toLowerCase().optional().meta({
      flag: "--domain",
      description:
        "The Workspace domain: a file shared with this domain is shared with the organisation group; other domains grant nothing.",
      example: "example.com",
    }),
    sharedDrives: z.boolean().default(true).meta({
      flag: "--shared-drives",
      description: "Include shared drives the account is a member of (supportsAllDrives, includeItemsFromAllDrives).",
    }),
    syncGroups: z.boolean().default(false).meta({
      flag: "--sync-groups",
      description:
        "Mirror Google groups and their members through the Admin SDK Directory API (needs the admin.directory.group.readonly and admin.directory.group.member.readonly scopes delegated).",
    }),
    customer: z.string().trim().min(1).default("my_customer").meta({
      flag: "--customer",
      description: "Directory customer whose groups are mirrored.",
    }),
    apiUrl: url("API root").default("https://www.googleapis.com").meta({
      flag: "--api-url",
      description: "Google APIs root (a Private Google Access or VPC-SC endpoint).",
      example: "https://www.googleapis.com",
    }),
    tokenUrl: url("token endpoint").default("https://oauth2.googleapis.com/token").meta({
      flag: "--token-url",
      description: "Google's OAuth 2.0 token endpoint.",
      example: "https://oauth2.googleapis.com/token",
    }),
    ...externalAccessConfigFields,
  })
  .refine((c) => (c.serviceAccountKey && c.subject) || (c.clientId && c.clientSecret && c.refreshToken), {
    message:
      "Give a service account key (--service-account-key) with the user it acts as (--subject), or an OAuth client (--client-id, --client-secret) with a refresh token (--refresh-token).",
    path: ["subject"],
  });

export type GoogleDriveConfig = z.output<typeof googleDriveConfigSchema>;
