import { describe, expect, it } from "vitest";
import {
  clientAddressOf,
  createMemoryThrottleStore,
  createSignInThrottle,
  type ThrottlePolicy,
} from "./sign-in-throttle";

const policy: ThrottlePolicy = {
  account: { free: 3, baseDelayMs: 1_000, maxDelayMs: 8_000, forgetAfterMs: 60_000 },
  address: { free: 5, baseDelayMs: 1_000, maxDelayMs: 4_000, forgetAfterMs: 60_000 },
};

describe("sign-in throttle", () => {
  it("backs off exponentially per account after the free attempts, capped", async () => {
    const t = createSignInThrottle({ policy });
    const now = 1_000_000;
    for (let i = 0; i < 3; i++)
      expect((await t.admit({ username: "emma", address: null, nowMs: now })).allowed).toBe(true);
    // 4th straight away: wait 1 s.
    expect(await t.admit({ username: "emma", address: null, nowMs: now })).toEqual({
      allowed: false,
      scope: "account",
      retryAfterSeconds: 1,
    });
    expect((await t.admit({ username: "emma", address: null, nowMs: now + 1_000 })).allowed).toBe(true);
    // Then 2 s, 4 s, 8 s, and no more than the cap.
    expect(await t.admit({ username: "emma", address: null, nowMs: now + 2_000 })).toMatchObject({
      allowed: false,
      retryAfterSeconds: 1,
    });
    expect((await t.admit({ username: "emma", address: null, nowMs: now + 3_000 })).allowed).toBe(true);
    expect(await t.admit({ username: "emma", address: null, nowMs: now + 3_000 })).toMatchObject({
      allowed: false,
      retryAfterSeconds: 4,
    });
    expect((await t.admit({ username: "emma", address: null, nowMs: now + 7_000 })).allowed).toBe(true);
    expect(await t.admit({ username: "emma", address: null, nowMs: now + 7_000 })).toMatchObject({
      allowed: false,
      retryAfterSeconds: 8,
    });
    expect((await t.admit({ username: "emma", address: null, nowMs: now + 15_000 })).allowed).toBe(true);
    expect(await t.admit({ username: "emma", address: null, nowMs: now + 15_000 })).toMatchObject({
      allowed: false,
      retryAfterSeconds: 8,
    });
    // Other accounts are unaffected; usernames are case- and space-insensitive.
    expect((await t.admit({ username: "harper", address: null, nowMs: now + 15_000 })).allowed).toBe(true);
    expect((await t.admit({ username: " EMMA ", address: null, nowMs: now + 15_000 })).allowed).toBe(false);
  });

  it("counts an attempt when it is admitted, so parallel guesses are throttled too", async () => {
    const t = createSignInThrottle({ policy });
    const decisions = await Promise.all(
      Array.from({ length: 40 }, () => t.admit({ username: "emma", address: "10.0.0.1", nowMs: 5_000 })),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
  });

  it("throttles a client address across usernames (password spraying)", async () => {
    const t = createSignInThrottle({ policy });
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await t.admit({ username: `user${i}`, address: "10.0.0.9", nowMs: 0 }));
    expect(results.filter((d) => d.allowed)).toHaveLength(5);
    expect(results.at(-1)).toMatchObject({ allowed: false, scope: "address" });
    // A refused address attempt did not count against the account it named.
    expect((await t.admit({ username: "user7", address: "10.0.0.10", nowMs: 0 })).allowed).toBe(true);
  });

  it("a success clears the account and gives the address its attempt back", async () => {
    const t = createSignInThrottle({ policy });
    for (let i = 0; i < 2; i++) await t.admit({ username: "emma", address: "10.0.0.1", nowMs: 0 });
    const ok = await t.admit({ username: "emma", address: "10.0.0.1", nowMs: 0 });
    if (!ok.allowed) throw new Error("expected admission");
    await t.succeeded({ ticket: ok.ticket });
    for (let i = 0; i < 3; i++)
      expect((await t.admit({ username: "emma", address: "10.0.0.1", nowMs: 0 })).allowed).toBe(true);
  });

  it("forgets an idle record", async () => {
    const t = createSignInThrottle({ policy });
    for (let i = 0; i < 4; i++) await t.admit({ username: "emma", address: null, nowMs: 0 });
    expect((await t.admit({ username: "emma", address: null, nowMs: 1 })).allowed).toBe(false);
    expect((await t.admit({ username: "emma", address: null, nowMs: 60_001 })).allowed).toBe(true);
  });

  it("bounds the memory store", async () => {
    const store = createMemoryThrottleStore({ maxKeys: 2 });
    const t = createSignInThrottle({ store, policy: { ...policy, account: { ...policy.account, free: 1 } } });
    await t.admit({ username: "a", address: null, nowMs: 0 });
    await t.admit({ username: "b", address: null, nowMs: 0 });
    await t.admit({ username: "c", address: null, nowMs: 0 });
    // "a" was evicted as the least recently touched; "c" is still remembered.
    expect((await t.admit({ username: "a", address: null, nowMs: 0 })).allowed).toBe(true);
    expect((await t.admit({ username: "c", address: null, nowMs: 0 })).allowed).toBe(false);
  });

  it("reads the client address only from the server-set header", () => {
    expect(
      clientAddressOf(new Request("http://x/", { headers: { "x-groundwork-client-address": "203.0.113.5" } })),
    ).toBe("203.0.113.5");
    expect(clientAddressOf(new Request("http://x/", { headers: { "x-forwarded-for": "203.0.113.5" } }))).toBeNull();
    expect(clientAddressOf(new Request("http://x/", { headers: { "x-groundwork-client-address": "" } }))).toBeNull();
  });
});
