import { describe, expect, it } from "vitest";
import { answerUnits, passageUnits } from "./answer-units";

describe("answerUnits", () => {
  it("reads table rows with their header, then prose sentences paired with the next one", () => {
    const text = "Leave is booked in Rota. Ask your manager first.\n\n| Service | Days |\n|---|---|\n| 5 years | 28 |";
    expect(answerUnits(text)).toEqual([
      { header: "| Service | Days |", lines: ["| 5 years | 28 |"] },
      { header: null, lines: ["Leave is booked in Rota.", "Ask your manager first."] },
      { header: null, lines: ["Ask your manager first."] },
    ]);
  });
});

describe("passageUnits", () => {
  it("splits a chunk once per process: every stage reading it gets the same units", () => {
    const passage = { chunkId: "c-once", text: "Claims go to Finance. Finance pays within 10 days." };
    const first = passageUnits(passage);
    expect(first).toEqual(answerUnits(passage.text));
    expect(passageUnits({ ...passage })).toBe(first);
    // Another chunk (or another version of it, with other text) is split on its own.
    expect(passageUnits({ chunkId: "c-other", text: passage.text })).not.toBe(first);
  });
});
