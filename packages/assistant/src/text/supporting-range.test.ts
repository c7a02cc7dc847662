import { describe, expect, it } from "vitest";
import { supportingRange } from "./supporting-range";

const passage =
  "Carry-over\n\nEmployees may carry over unused leave into the next year. At most five days carry over. Requests go to HR by 31 January.";
const slice = (r: { start: number; end: number } | null) => (r ? passage.slice(r.start, r.end) : null);

describe("supportingRange", () => {
  it("narrows a citation to the passage sentence the answer sentence rests on", () => {
    expect(slice(supportingRange({ sentences: ["You can carry over up to 5 days [1]."], passage }))).toBe(
      "At most five days carry over.",
    );
    expect(slice(supportingRange({ sentences: ["Send the request to HR by 31 January [1]."], passage }))).toBe(
      "Requests go to HR by 31 January.",
    );
  });

  it("spans from the first to the last sentence several answer sentences rest on", () => {
    const r = supportingRange({
      sentences: ["Unused leave can be carried over into the next year [1].", "Ask HR by 31 January [1]."],
      passage,
    });
    expect(slice(r)).toBe(
      "Employees may carry over unused leave into the next year. At most five days carry over. Requests go to HR by 31 January.",
    );
  });

  it("cites the whole passage when nothing in it matches or the passage is one sentence", () => {
    expect(supportingRange({ sentences: ["The office closes on Fridays [1]."], passage })).toBeNull();
    expect(
      supportingRange({ sentences: ["At most five days [1]."], passage: "At most five days carry over." }),
    ).toBeNull();
  });

  it("picks a table row by its figure", () => {
    const table = "Country | Days\nFrance | 25\nSpain | 22";
    const r = supportingRange({ sentences: ["Spain grants 22 days [1]."], passage: table });
    expect(r && table.slice(r.start, r.end)).toBe("Spain | 22");
  });
});
