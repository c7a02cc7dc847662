import { describe, expect, it } from "vitest";
import { isUuid, mapByIds, newId, randomToken, sha256Hex, shortId } from "./ids";

describe("ids", () => {
  it("makes ids and tokens of the expected shape", () => {
    expect(newId()).toMatch(/^[0-9a-f-]{36}$/);
    expect(shortId()).toMatch(/^[0-9a-f]{8}$/);
    expect(shortId({ length: 5 })).toHaveLength(5);
    expect(randomToken({ bytes: 32 })).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken({ bytes: 24 })).not.toBe(randomToken({ bytes: 24 }));
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("recognises UUIDs in either case and nothing around them", () => {
    expect(isUuid(newId())).toBe(true);
    expect(isUuid("3F2504E0-4F89-41D3-9A0C-0305E82C3301")).toBe(true);
    expect(isUuid("handbook")).toBe(false);
    expect(isUuid(`${newId()}x`)).toBe(false);
    expect(isUuid("3f2504e0-4f89-41d3-9a0c-0305e82c330")).toBe(false);
  });
});

describe("mapByIds", () => {
  const a = "0b1e7a52-3f0e-4c59-9a34-5f1f3c2d8e01";
  const b = "6c2d9f10-8a4b-4f7e-b1c3-2e9d7a6f5b02";
  it("reads once with the distinct uuids and maps each id to the rest of its row", async () => {
    const reads: string[][] = [];
    const found = await mapByIds({
      ids: [a, b, a, "not-a-uuid", "'; drop table x"],
      read: async (ids) => {
        reads.push(ids);
        return ids.filter((id) => id === a).map((id) => ({ id, name: "kept" }));
      },
    });
    expect(reads).toEqual([[a, b]]);
    expect([...found]).toEqual([[a, { name: "kept" }]]);
  });
  it("does not read when no uuid is left", async () => {
    let read = false;
    const found = await mapByIds({
      ids: ["x", ""],
      read: async () => {
        read = true;
        return [];
      },
    });
    expect(read).toBe(false);
    expect(found.size).toBe(0);
  });
});
