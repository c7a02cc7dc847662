import { z } from "zod";
import { listSetting } from "../connector-config";
import { externalAccessConfigFields } from "../external-access";

const httpsOrigin = (what: string) =>
  z.url({ protocol: /^https?$/, error: `Give the ${what} as http(s)://host.` }).transform((u) => u.replace(/\/+$/, ""));

export const sharepointConfigSchema = z.object({
  tenantId: z.string().trim().min(1).meta({
    flag: "--tenant-id",
    description: "The Microsoft Entra tenant (directory) id or its domain.",
    example: "contoso.onmicrosoft.com",
  }),
  clientId: z.string().trim().min(1).meta({
    flag: "--client-id",
    description:
      "The app registration's application (client) id. It needs the application permissions Sites.Read.All (files, pages, permissions) and GroupMember.Read.All (groups).",
    example: "00000000-0000-0000-0000-000000000000",
  }),
  clientSecret: z.string().min(1).meta({
    secret: true,
    flag: "--client-secret",
    description: "A client secret of the app registration (client credentials grant).",
  }),
  sites: listSetting.optional().meta({
    flag: "--sites",
    description:
      "Sites to ingest, as site ids or host:/path (comma separated); omitted: every site the app can read (GET /sites?search=*).",
    example: "contoso.sharepoint.com:/sites/hr",
  }),
  drives: listSetting.optional().meta({
    flag: "--drives",
    description: "Extra drives by id (a user's OneDrive, a group's drive), beside the sites' document libraries.",
  }),
  includePages: z.boolean().default(true).meta({
    flag: "--include-pages",
    description: "Ingest each site's SharePoint pages (site pages) as HTML.",
  }),
  syncGroups: z.boolean().default(true).meta({
    flag: "--sync-groups",
    description: "Mirror the tenant's Microsoft 365 and security groups with their transitive members.",
  }),
  graphUrl: httpsOrigin("Graph endpoint").default("https://graph.microsoft.com").meta({
    flag: "--graph-url",
    description:
      "Microsoft Graph endpoint (a national cloud: https://graph.microsoft.us, https://microsoftgraph.chinacloudapi.cn).",
    example: "https://graph.microsoft.com",
  }),
  authorityUrl: httpsOrigin("sign-in endpoint").default("https://login.microsoftonline.com").meta({
    flag: "--authority-url",
    description: "Microsoft Entra sign-in endpoint (national clouds: https://login.microsoftonline.us).",
    example: "https://login.microsoftonline.com",
  }),
  ...externalAccessConfigFields,
});

export type SharepointConfig = z.output<typeof sharepointConfigSchema>;
