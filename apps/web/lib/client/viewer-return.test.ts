import { describe, expect, it } from "vitest";
import { noteReturn, readReturn } from "./viewer-return";

function memory() {
  const m = new Map<string, string>();
  return { setItem: (k: string, v: string) => void m.set(k, v), getItem: (k: string) => m.get(k) ?? null };
}

describe("viewer return link", () => {
  it("links back to the conversation or the results the document was opened from", () => {
    const storage = memory();
    expect(
      noteReturn({
        storage,
        kind: "answer",
        from: "/chat?c=abc",
        target: "http://h/documents/d1?chunk=c&start=1&end=2",
      }),
    ).toBe(true);
    expect(readReturn({ storage, at: "/documents/d1" })).toEqual({
      kind: "answer",
      from: "/chat?c=abc",
      to: "/documents/d1",
    });
    // Another document (followed from the viewer itself) gets no way back.
    expect(readReturn({ storage, at: "/documents/d2" })).toBeNull();
    noteReturn({ storage, kind: "results", from: "/lookup?q=leave&source=s", target: "/documents/d2" });
    expect(readReturn({ storage, at: "/documents/d2" })?.from).toBe("/lookup?q=leave&source=s");
  });

  it("notes nothing for links elsewhere or addresses off the site", () => {
    const storage = memory();
    expect(noteReturn({ storage, kind: "answer", from: "/chat", target: "http://h/lookup" })).toBe(false);
    expect(noteReturn({ storage, kind: "answer", from: "//evil.example/chat", target: "/documents/d" })).toBe(false);
    expect(noteReturn({ storage, kind: "results", from: "/chat?c=1", target: "/documents/d" })).toBe(false);
    storage.setItem(
      "groundwork.viewer.return",
      JSON.stringify({ kind: "answer", from: "https://evil.example", to: "/documents/d" }),
    );
    expect(readReturn({ storage, at: "/documents/d" })).toBeNull();
    storage.setItem("groundwork.viewer.return", "{not json");
    expect(readReturn({ storage, at: "/documents/d" })).toBeNull();
  });
});
