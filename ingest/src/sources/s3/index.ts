import { readIngestEnv } from "../../env";
import type { ResolvedAccess } from "../access-rules";
import { PULL_PAGE_SIZE, type Connector, type PullPage, type SourceEntry } from "../connector";
import { openS3, type S3Session } from "./client";
import { s3ConfigSchema, type S3Config } from "./config";
import { accessRules, findAccessFiles, keyFilter, listObjects, objectEntry } from "./objects";

export { s3ConfigSchema, type S3Config } from "./config";

/**
 * An S3 (or S3-compatible) bucket: every object under the prefix in a format Groundwork parses.
 * An item's id is the whole object key (so narrowing the prefix keeps ids), its version the
 * ETag: an unchanged object costs a line of the listing and no GET. Access is the source's
 * default, or the nearest `.access.yaml` object up the key's "folders", as on a folder source.
 *
 * A listing is cheap next to GETs, so each pull lists the whole prefix: once for the access
 * files (any page's items may need them), then again page by page, each page's checkpoint the
 * last key it holds ({ startAfter }), so a resumed pull goes on listing after it. The last
 * page says the pass completed ({ completedAt }) and the next pull lists from the start.
 */
export const s3Connector: Connector<S3Config> = {
  kind: "s3",
  label: "S3 bucket",
  configSchema: s3ConfigSchema,
  // Pruning is one more listing (no GETs), cheap next to the pull's own two.
  pruneEachRun: true,

  async check({ config, ctx }) {
    const s3 = await openS3({ config, ctx });
    try {
      const head = await s3
        .call((options) => s3.client.send(new s3.sdk.HeadBucketCommand({ Bucket: s3.bucket }), options))
        .then(
          () => null,
          (error: Error) => error,
        );
      // A HEAD answer has no body: a 400/403 there does not say why; the listing's error does.
      const headStatus = (head?.cause as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata
        ?.httpStatusCode;
      if (head && headStatus !== 400 && headStatus !== 403) throw head;
      await s3.call((options) =>
        s3.client.send(
          new s3.sdk.ListObjectsV2Command({
            Bucket: s3.bucket,
            MaxKeys: 1,
            ...(config.prefix ? { Prefix: config.prefix } : {}),
          }),
          options,
        ),
      );
      if (head) throw head;
    } finally {
      s3.client.destroy();
    }
  },

  async *pull({ config, checkpoint, ctx }): AsyncIterable<PullPage> {
    const env = readIngestEnv();
    const s3 = await openS3({ config, ctx });
    const wanted = keyFilter({ config, unstructured: env.unstructured !== null });
    const access = accessRules({ s3, keys: await findAccessFiles({ s3, config }) });
    const startAfter = typeof checkpoint?.startAfter === "string" ? checkpoint.startAfter : undefined;
    let items: SourceEntry[] = [];
    for await (const objects of listObjects({ s3, config, startAfter })) {
      for (const object of objects) {
        const key = object.Key;
        if (key === undefined || !wanted(key)) continue;
        items.push(objectEntry({ s3, object: { ...object, Key: key }, maxBytes: env.maxFileBytes, access, ctx }));
        if (items.length < PULL_PAGE_SIZE) continue;
        yield { items, checkpoint: { startAfter: key } };
        items = [];
        if (ctx.signal.aborted) return;
      }
    }
    // The client is not destroyed: items of the last page may still be read after the pull ends.
    yield { items, checkpoint: { completedAt: new Date().toISOString() } };
  },

  async listIds({ config, ctx }) {
    const s3 = await openS3({ config, ctx });
    try {
      return await wantedKeys({ s3, config });
    } finally {
      s3.client.destroy();
    }
  },

  async accessOf({ config, ids, ctx }) {
    const s3 = await openS3({ config, ctx });
    try {
      const access = accessRules({ s3, keys: await findAccessFiles({ s3, config }) });
      const out = new Map<string, ResolvedAccess>();
      for (const id of ids) out.set(id, await access.accessOf({ key: id, ctx }));
      return out;
    } finally {
      s3.client.destroy();
    }
  },
};

async function wantedKeys({ s3, config }: { s3: S3Session; config: S3Config }): Promise<string[]> {
  const wanted = keyFilter({ config, unstructured: readIngestEnv().unstructured !== null });
  const keys: string[] = [];
  for await (const objects of listObjects({ s3, config }))
    for (const o of objects) if (o.Key !== undefined && wanted(o.Key)) keys.push(o.Key);
  return keys;
}
