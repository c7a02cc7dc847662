import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readIngestEnv } from "../env";
import { parseFile } from "../prepare/parse-file";
import { makePdf } from "../testing/make-fixtures";

type Received = { path: string; apiKey: string | undefined; body: string };

/** A stand-in for the Unstructured API: real HTTP, multipart in, documented element JSON out. */
async function startUnstructured(status = 200) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (d: Buffer) => parts.push(d));
    req.on("end", () => {
      const body = Buffer.concat(parts).toString("latin1");
      received.push({ path: req.url ?? "", apiKey: req.headers["unstructured-api-key"] as string | undefined, body });
      if (status !== 200) {
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ detail: "boom" }));
        return;
      }
      const filename = /filename="([^"]+)"/.exec(body)?.[1] ?? "unknown";
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify([
          {
            type: "Title",
            element_id: "e1",
            text: "Quarterly Review",
            metadata: { filename, page_number: 1, category_depth: 0 },
          },
          {
            type: "NarrativeText",
            element_id: "e2",
            text: "Revenue grew 12% over the quarter.",
            metadata: { filename, page_number: 1 },
          },
          { type: "Footer", element_id: "e3", text: "Confidential", metadata: { filename, page_number: 1 } },
          {
            type: "Title",
            element_id: "e4",
            text: "Targets",
            metadata: { filename, page_number: 2, category_depth: 1 },
          },
          {
            type: "Table",
            element_id: "e5",
            text: "Region Target EMEA 40",
            metadata: {
              filename,
              page_number: 2,
              text_as_html:
                "<table><thead><tr><th>Region</th><th>Target</th></tr></thead><tbody><tr><td>EMEA</td><td>40</td></tr></tbody></table>",
            },
          },
          {
            type: "ListItem",
            element_id: "e6",
            text: "Hire two support engineers",
            metadata: { filename, page_number: 3 },
          },
        ]),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe("Unstructured API path", () => {
  let api: Awaited<ReturnType<typeof startUnstructured>>;
  beforeAll(async () => {
    api = await startUnstructured();
  });
  afterAll(async () => {
    await api.close();
  });

  it("partitions formats the local parsers don't handle into the same document model", async () => {
    const env = readIngestEnv({ UNSTRUCTURED_API_URL: api.url, UNSTRUCTURED_API_KEY: "un-key" });
    const doc = await parseFile({
      filename: "reviews/q3.pptx",
      bytes: new TextEncoder().encode("PK fake pptx bytes"),
      env,
    });
    expect(api.received).toHaveLength(1);
    expect(api.received[0]!.path).toBe("/general/v0/general");
    expect(api.received[0]!.apiKey).toBe("un-key");
    expect(api.received[0]!.body).toContain('filename="q3.pptx"');
    expect(api.received[0]!.body).toContain("PK fake pptx bytes");
    expect(doc.mime).toBe("application/vnd.openxmlformats-officedocument.presentationml.presentation");
    expect(doc.pageCount).toBe(3);
    expect(doc.meta.title).toBe("Quarterly Review");
    expect(doc.blocks).toEqual([
      { kind: "heading", level: 1, text: "Quarterly Review", page: 1 },
      { kind: "paragraph", text: "Revenue grew 12% over the quarter.", page: 1 },
      { kind: "heading", level: 2, text: "Targets", page: 2 },
      { kind: "table", header: ["Region", "Target"], rows: [["EMEA", "40"]], page: 2 },
      { kind: "paragraph", text: "Hire two support engineers", page: 3 },
    ]);
  });

  it("keeps PDFs local unless UNSTRUCTURED_FOR_PDF is set", async () => {
    const pdf = await makePdf({ pages: [["Local text layer."]] });
    const before = api.received.length;
    const local = await parseFile({
      filename: "a.pdf",
      bytes: pdf,
      env: readIngestEnv({ UNSTRUCTURED_API_URL: api.url }),
    });
    expect(api.received.length).toBe(before);
    expect(local.blocks[0]).toMatchObject({ text: "Local text layer.", page: 1 });
    const remote = await parseFile({
      filename: "a.pdf",
      bytes: pdf,
      env: readIngestEnv({ UNSTRUCTURED_API_URL: api.url, UNSTRUCTURED_FOR_PDF: "true" }),
    });
    expect(api.received.length).toBe(before + 1);
    expect(remote.blocks[0]).toMatchObject({ kind: "heading", text: "Quarterly Review" });
    expect(remote.mime).toBe("application/pdf");
  });

  it("turns an API error into a per-file error", async () => {
    const failing = await startUnstructured(500);
    try {
      await expect(
        parseFile({
          filename: "x.pptx",
          bytes: new TextEncoder().encode("PK"),
          env: readIngestEnv({ UNSTRUCTURED_API_URL: failing.url, UNSTRUCTURED_RETRY_MAX_MS: "300" }),
        }),
      ).rejects.toThrow(/Unstructured API failed/);
      // 5xx is retried by the SDK before the file fails.
      expect(failing.received.length).toBeGreaterThan(1);
    } finally {
      await failing.close();
    }
  });
});
