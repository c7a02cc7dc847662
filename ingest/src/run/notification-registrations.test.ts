import { describe, expect, it } from "vitest";
import { publicOrigin, registrationDue } from "./notification-registrations";

const HOUR = 3600_000;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();

describe("registrationDue", () => {
  const now = new Date(Date.UTC(2026, 0, 1));
  it("is due with no registration, or one whose expiry cannot be read", () => {
    expect(registrationDue({ current: null, now })).toBe(true);
    expect(registrationDue({ current: { id: "a", resource: "r", expiresAt: "soon" }, now })).toBe(true);
  });
  it("renews a long registration 24 h ahead of its expiry", () => {
    const current = { id: "a", resource: "r", registeredAt: at(-29 * 24 * HOUR) };
    expect(registrationDue({ current: { ...current, expiresAt: at(25 * HOUR) }, now })).toBe(false);
    expect(registrationDue({ current: { ...current, expiresAt: at(23 * HOUR) }, now })).toBe(true);
  });
  it("renews a one-hour channel in its last quarter, not at every tick", () => {
    const opened = (minutesAgo: number) => ({
      id: "a",
      resource: "r",
      registeredAt: at(-minutesAgo * 60_000),
      expiresAt: at((60 - minutesAgo) * 60_000),
    });
    expect(registrationDue({ current: opened(30), now })).toBe(false);
    expect(registrationDue({ current: opened(44), now })).toBe(false);
    expect(registrationDue({ current: opened(46), now })).toBe(true);
  });
});

describe("publicOrigin", () => {
  it("is the origin of GROUNDWORK_PUBLIC_URL; unset, blank or not a URL: none", () => {
    expect(publicOrigin({ GROUNDWORK_PUBLIC_URL: " https://gw.example.com/app/ " })).toBe("https://gw.example.com");
    expect(publicOrigin({ GROUNDWORK_PUBLIC_URL: "  " })).toBeNull();
    expect(publicOrigin({})).toBeNull();
    expect(publicOrigin({ GROUNDWORK_PUBLIC_URL: "gw.example" })).toBeNull();
  });
});
