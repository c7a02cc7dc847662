import { describe, expect, it } from "vitest";
import { createAnswerSanitizer, sanitizeAnswer } from "./sanitize-answer";

describe("sanitizeAnswer", () => {
  it("removes citations to numbers that were not provided, keeping valid ones", () => {
    const { text, report } = sanitizeAnswer({
      text: "Leave is 25 days [1]. Meals are paid [7]. Both apply [2, 9][0].",
      maxCitation: 3,
    });
    expect(text).toBe("Leave is 25 days [1]. Meals are paid. Both apply [2].");
    expect(report.citations.sort()).toEqual([0, 7, 9]);
  });

  it("strips markdown images and HTML images whatever the host", () => {
    const { text, report } = sanitizeAnswer({
      text: 'See ![chart](https://evil.example/x.png?q=secret) this <img src="https://evil.example/p?d=1"> now [1].',
      maxCitation: 1,
    });
    expect(text).not.toMatch(/evil|img|!\[/);
    expect(text).toContain("now [1].");
    expect(report.images).toBe(2);
  });

  it("keeps links to allowlisted hosts and relative links, unwraps the rest", () => {
    const { text, report } = sanitizeAnswer({
      text: "Read [the policy](https://intranet.quillfeather.example/p) or [this](https://attacker.example/?q=leak) or [doc](/documents/abc).",
      maxCitation: 0,
      allowedHosts: ["quillfeather.example"],
    });
    expect(text).toBe("Read [the policy](https://intranet.quillfeather.example/p) or this or [doc](/documents/abc).");
    expect(report.links).toEqual(["https://attacker.example/?q=leak"]);
  });

  it.each([
    "/\\evil.example/login",
    "/\\/evil.example",
    "\\\\evil.example",
    "//evil.example/login",
    "/%09/evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "/%252F%252Fevil.example",
    "http://quillfeather.example/p",
    "https:/\\evil.example",
    "https:evil.example",
    "https://quillfeather.example@evil.example/",
    "https://user:pw@quillfeather.example/",
    "https://quillfeather.example.evil.example/",
    "javascript:alert`1`",
    "data:text/html,x",
    "mailto:a@evil.example",
    "#x%0a",
  ])("unwraps a link to %s, which a browser would take off-site or is not https to an allowed host", (url) => {
    const { text, report } = sanitizeAnswer({
      text: `Sign in at [the portal](${url}) today.`,
      maxCitation: 0,
      allowedHosts: ["quillfeather.example"],
    });
    expect(text).toBe("Sign in at the portal today.");
    expect(report.links).toEqual([url]);
  });

  it("keeps same-origin paths, anchors and https links to allowed hosts", () => {
    for (const url of [
      "/documents/abc?chunk=1&start=2&end=3",
      "/chat",
      "#section-2",
      "https://quillfeather.example/p",
      "https://intranet.quillfeather.example/a?b=c",
    ]) {
      expect(sanitizeAnswer({ text: `[x](${url})`, maxCitation: 0, allowedHosts: ["quillfeather.example"] }).text).toBe(
        `[x](${url})`,
      );
    }
  });

  it("replaces bare URLs to other hosts and reference-style definitions", () => {
    const { text } = sanitizeAnswer({
      text: "Visit https://attacker.example/c?x=1. Also [a][r]\n[r]: https://attacker.example/r",
      maxCitation: 0,
    });
    expect(text).not.toContain("attacker");
    expect(text).toContain("[link removed].");
  });

  it("never releases half a link while streaming, however the deltas are cut", () => {
    const full =
      "Answer [1] with [a link](https://evil.example/?q=data) and ![img](https://evil.example/i.png) end [2].";
    for (let size = 1; size <= 7; size++) {
      const s = createAnswerSanitizer({ maxCitation: 2 });
      let shown = "";
      for (let i = 0; i < full.length; i += size) shown += s.push(full.slice(i, i + size));
      shown += s.flush();
      expect(shown).toBe("Answer [1] with a link and end [2].");
    }
  });

  it("does not stall on an unbalanced bracket, and escapes it so no later delta can complete a link", () => {
    const s = createAnswerSanitizer({ maxCitation: 1 });
    const first = s.push(`[${"word ".repeat(400)}`);
    expect(first.startsWith("\\[")).toBe(true);
    const rest = s.push("](https://evil.example/x) done") + s.flush();
    expect(first + rest).not.toContain("evil");
  });
});
