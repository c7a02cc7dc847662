import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("hashes with argon2id, verifies right and wrong passwords, and a malformed hash is a plain false", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword({ hash, password: "correct horse battery" })).toBe(true);
    expect(await verifyPassword({ hash, password: "wrong" })).toBe(false);
    expect(await verifyPassword({ hash: "not-a-hash", password: "x" })).toBe(false);
  });

  it("hashes off the event loop: timers keep firing while several verifies run", async () => {
    // Sign-in floods once slowed everyone's searches; argon2 must run on the thread pool, not here.
    const hash = await hashPassword("correct horse battery");
    let ticks = 0;
    let maxGapMs = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGapMs = Math.max(maxGapMs, now - last);
      last = now;
      ticks += 1;
    }, 1);
    const started = performance.now();
    await Promise.all(Array.from({ length: 8 }, () => verifyPassword({ hash, password: "wrong" })));
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(elapsed).toBeGreaterThan(40);
    expect(ticks).toBeGreaterThan(5);
    // A synchronous hash would hold the loop for the whole verify (tens of ms each).
    expect(maxGapMs).toBeLessThan(elapsed / 2);
  });
});
