import { describe, expect, it } from "vitest";
import { newId, randomToken, sha256Hex, shortId } from "./ids";

describe("ids", () => {
  it("makes ids and tokens of the expected shape", () => {
    expect(newId()).toMatch(/^[0-9a-f-]{36}$/);
    expect(shortId()).toMatch(/^[0-9a-f]{8}$/);
    expect(shortId({ length: 5 })).toHaveLength(5);
    expect(randomToken({ bytes: 32 })).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken({ bytes: 24 })).not.toBe(randomToken({ bytes: 24 }));
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
