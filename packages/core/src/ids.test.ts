import { describe, expect, it } from "vitest";
import { isUuid, newId, randomToken, sha256Hex, shortId } from "./ids";

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
