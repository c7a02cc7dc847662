import { z } from "zod";
import { listSetting as globList } from "../connector-config";

export const gitConfigSchema = z.object({
  repo: z.string().trim().min(1).meta({
    flag: "--repo",
    description:
      "The repository: an https:// (or http://) URL, or an absolute path on the server inside the source roots.",
    example: "https://github.com/acme/handbook.git",
  }),
  ref: z
    .string()
    .trim()
    .min(1)
    // A leading dash would be read as an option; the rest is git's own ref-name syntax, checked by git.
    .regex(/^[^-\s][^\s~^:?*[\\]*$/, "A ref is a branch, tag or commit name (no spaces, no leading '-').")
    .optional()
    .meta({
      flag: "--ref",
      description:
        "Branch, tag or commit to ingest (default: the remote's default branch, or HEAD of a local repository).",
      example: "main",
    }),
  include: globList.default([]).meta({
    flag: "--include",
    description:
      "Only files matching one of these globs (comma-separated; a pattern without '/' matches the file name at any depth). Default: every supported file.",
    example: "docs/**,*.md",
  }),
  exclude: globList.default([]).meta({
    flag: "--exclude",
    description: "Skip files matching any of these globs (comma-separated).",
    example: "docs/drafts/**",
  }),
  token: z.string().min(1).optional().meta({
    secret: true,
    flag: "--token",
    description: "Access token for a private HTTPS repository (sent as an Authorization header, never in the URL).",
  }),
});

export type GitConfig = z.infer<typeof gitConfigSchema>;
