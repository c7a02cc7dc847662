import { z } from "zod";
import { listSetting as globList } from "../connector-config";

const secret = z.string().min(1).optional();

export const s3ConfigSchema = z.object({
  bucket: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((b) => !b.includes("/"), "A bucket name has no '/': put the folder part in --prefix.")
    .meta({ flag: "--bucket", description: "Bucket to ingest.", example: "company-handbook" }),
  prefix: z.string().optional().meta({
    flag: "--prefix",
    description: "Only keys starting with this (e.g. a folder 'docs/'); globs match the rest of the key.",
    example: "docs/",
  }),
  endpoint: z
    .url({ protocol: /^https?$/, error: "Give the endpoint as http(s)://host[:port]." })
    .optional()
    .meta({
      flag: "--endpoint",
      description: "S3-compatible server (MinIO, Ceph, R2…); addressed path-style. Omit for AWS S3.",
      example: "https://minio.internal:9000",
    }),
  region: z
    .string()
    .trim()
    .min(1)
    .default("us-east-1")
    .meta({ flag: "--region", description: "The bucket's region (request signing).", example: "eu-west-1" }),
  include: globList.optional().meta({
    flag: "--include",
    description: "Only keys (after the prefix) matching one of these globs (comma separated).",
    example: "**/*.md,guides/**",
  }),
  exclude: globList.optional().meta({
    flag: "--exclude",
    description: "Never keys (after the prefix) matching one of these globs (comma separated).",
    example: "archive/**",
  }),
  maxKeys: z.coerce.number().int().min(1).max(1000).default(1000).meta({
    flag: "--max-keys",
    description: "Keys per listing request (S3 answers at most 1000).",
    example: "1000",
  }),
  accessKeyId: secret.meta({
    secret: true,
    flag: "--access-key-id",
    description: "Access key id; with the secret key. Omitted: the server's default AWS credential chain.",
  }),
  secretAccessKey: secret.meta({
    secret: true,
    flag: "--secret-access-key",
    description: "Secret access key for the access key id.",
  }),
  sessionToken: secret.meta({
    secret: true,
    flag: "--session-token",
    description: "Session token, for temporary (STS) credentials.",
  }),
});

export type S3Config = z.output<typeof s3ConfigSchema>;
