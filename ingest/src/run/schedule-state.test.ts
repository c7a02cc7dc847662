import { describe, expect, it } from "vitest";
import { backoffMs, nextRunAfter, parseSchedule, pruneDue } from "./schedule-state";

const at = (iso: string) => new Date(iso);

describe("parseSchedule", () => {
  it("reads intervals with or without 'every', normalised to one unit letter", () => {
    expect(parseSchedule("15m")).toEqual({ kind: "every", seconds: 900, text: "15m" });
    expect(parseSchedule("every 2h")).toEqual({ kind: "every", seconds: 7200, text: "2h" });
    expect(parseSchedule(" 1d ")).toEqual({ kind: "every", seconds: 86_400, text: "1d" });
    expect(parseSchedule("30 min")).toEqual({ kind: "every", seconds: 1800, text: "30m" });
  });

  it("reads a five-field cron expression", () => {
    expect(parseSchedule("*/5 * * * *")).toEqual({ kind: "cron", expression: "*/5 * * * *", text: "*/5 * * * *" });
  });

  it("refuses sub-minute intervals, words and broken cron with a bad_request", () => {
    for (const [text, message] of [
      ["30s", /Invalid schedule "30s"/],
      ["tomorrow", /Invalid schedule "tomorrow"/],
      ["0m", /at most once a minute/],
      ["61 * * * *", /Invalid cron expression "61 \* \* \* \*"/],
      ["* * * * banana", /Invalid cron expression/],
    ] as const) {
      expect(() => parseSchedule(text), text).toThrow(message);
      try {
        parseSchedule(text);
      } catch (error) {
        expect((error as { code?: string }).code).toBe("bad_request");
      }
    }
  });
});

describe("nextRunAfter", () => {
  it("adds an interval to the given time", () => {
    expect(nextRunAfter({ schedule: parseSchedule("15m"), from: at("2026-03-01T10:07:30Z") })).toEqual(
      at("2026-03-01T10:22:30Z"),
    );
  });

  it("finds the next cron match strictly after the given time, in UTC", () => {
    const every5 = parseSchedule("*/5 * * * *");
    expect(nextRunAfter({ schedule: every5, from: at("2026-03-01T10:07:30Z") })).toEqual(at("2026-03-01T10:10:00Z"));
    expect(nextRunAfter({ schedule: every5, from: at("2026-03-01T10:10:00Z") })).toEqual(at("2026-03-01T10:15:00Z"));
    expect(nextRunAfter({ schedule: parseSchedule("0 3 * * *"), from: at("2026-03-01T04:00:00Z") })).toEqual(
      at("2026-03-02T03:00:00Z"),
    );
  });
});

describe("backoffMs", () => {
  it("doubles from 30 s per failure and stops growing at an hour", () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4].map((streak) => backoffMs({ streak, random: mid }))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(backoffMs({ streak: 8, random: mid })).toBe(3_600_000);
    expect(backoffMs({ streak: 50, random: mid })).toBe(3_600_000);
    expect(backoffMs({ streak: 0, random: mid })).toBe(30_000);
  });

  it("jitters by ±20 %, the bounds reached at the ends of the random range", () => {
    expect(backoffMs({ streak: 1, random: () => 0 })).toBe(24_000);
    expect(backoffMs({ streak: 1, random: () => 0.999_999 })).toBeLessThanOrEqual(36_000);
    expect(backoffMs({ streak: 1, random: () => 0.999_999 })).toBeGreaterThan(35_999);
    for (let i = 0; i < 200; i++) {
      const ms = backoffMs({ streak: 3 });
      expect(ms).toBeGreaterThanOrEqual(96_000);
      expect(ms).toBeLessThanOrEqual(144_000);
    }
  });

  it("never waits past the hour at the cap, and still spreads retries below it", () => {
    const waits = Array.from({ length: 400 }, () => backoffMs({ streak: 20 }));
    expect(Math.max(...waits)).toBeLessThanOrEqual(3_600_000);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(2_880_000);
    expect(new Set(waits).size).toBeGreaterThan(300);
    expect(backoffMs({ streak: 20, random: () => 0.999_999 })).toBeGreaterThanOrEqual(2_880_000);
    expect(backoffMs({ streak: 20, random: () => 0.75 })).toBe(3_240_000);
  });
});

describe("pruneDue", () => {
  const now = at("2026-03-02T12:00:00Z");
  it("is due when never pruned", () => {
    expect(pruneDue({ row: { pruneSchedule: null, lastPrunedAt: null }, now })).toBe(true);
  });
  it("defaults to daily", () => {
    expect(pruneDue({ row: { pruneSchedule: null, lastPrunedAt: at("2026-03-01T12:00:01Z") }, now })).toBe(false);
    expect(pruneDue({ row: { pruneSchedule: null, lastPrunedAt: at("2026-03-01T12:00:00Z") }, now })).toBe(true);
  });
  it("follows the source's prune schedule", () => {
    const row = { pruneSchedule: "6h", lastPrunedAt: at("2026-03-02T06:30:00Z") };
    expect(pruneDue({ row, now })).toBe(false);
    expect(pruneDue({ row, now: at("2026-03-02T12:30:00Z") })).toBe(true);
    expect(pruneDue({ row: { pruneSchedule: "0 * * * *", lastPrunedAt: at("2026-03-02T11:10:00Z") }, now })).toBe(true);
    expect(pruneDue({ row: { pruneSchedule: "0 * * * *", lastPrunedAt: at("2026-03-02T12:00:00Z") }, now })).toBe(
      false,
    );
  });
});
