import { z } from "zod";

/**
 * One pushed document as the push API takes it (PUT body, bulk item). Exactly one of `content`
 * (text, markdown or html, with `contentType`) or `file` (base64 + MIME type) carries the body.
 * `acl` names users (usernames or emails) and groups; absent, the source's default access
 * applies, and a source without one keeps the document for admins only (deny by default).
 */
export const MAX_EXTERNAL_ID = 512;
// Control characters would make the id unprintable in the console and the audit trail.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

// Messages are fragments after the field's name, as route() words a 400 ("Invalid request: url must be …").

export const externalIdSchema = z
  .string()
  .min(1, "is empty")
  .max(MAX_EXTERNAL_ID, `is longer than ${MAX_EXTERNAL_ID} characters`)
  .refine((s) => !CONTROL.test(s), "must not contain control characters");

const aclSchema = z.strictObject({
  users: z.array(z.string().trim().min(1).max(200)).max(1000).default([]),
  groups: z.array(z.string().trim().min(1).max(63)).max(1000).default([]),
});

export const pushDocumentInput = z
  .strictObject({
    title: z.string().trim().min(1).max(500).optional(),
    content: z
      .string()
      .max(16 * 1024 * 1024)
      .optional(),
    contentType: z.enum(["text", "markdown", "html"]).optional(),
    file: z
      .strictObject({
        base64: z
          .string()
          .min(1)
          .max(22 * 1024 * 1024),
        mime: z.string().trim().min(3).max(200),
        filename: z.string().trim().min(1).max(255).optional(),
      })
      .optional(),
    url: z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL" })
      .max(2000)
      .optional(),
    updatedAt: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time" }).optional(),
    acl: aclSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.content === undefined) === (v.file === undefined))
      ctx.addIssue({ code: "custom", message: "needs exactly one of content or file" });
    if (v.content !== undefined && !v.contentType)
      ctx.addIssue({ code: "custom", path: ["contentType"], message: "must be text, markdown or html (with content)" });
    if (v.file && v.contentType)
      ctx.addIssue({ code: "custom", path: ["contentType"], message: "goes with content, not with file" });
  });
export type PushDocumentInput = z.input<typeof pushDocumentInput>;

export const MAX_BULK_ITEMS = 100;

export const bulkPushInput = z.strictObject({
  items: z
    .array(
      z.union([
        z.strictObject({ externalId: externalIdSchema, delete: z.literal(true) }),
        z.strictObject({ externalId: externalIdSchema, document: pushDocumentInput }),
      ]),
    )
    .min(1, "needs at least one item")
    .max(MAX_BULK_ITEMS, `has more than ${MAX_BULK_ITEMS} items (the limit per request)`),
});
export type BulkPushInput = z.input<typeof bulkPushInput>;
