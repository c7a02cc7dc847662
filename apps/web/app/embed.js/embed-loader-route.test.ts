import vm from "node:vm";
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const { GET } = await import("./route");

/** Just enough DOM for the loader: elements that keep attributes, children and listeners. */
function fakeDom({ src, attrs = {} }: { src: string; attrs?: Record<string, string> }) {
  type El = {
    tagName: string;
    style: { cssText: string; display?: string };
    attributes: Record<string, string>;
    children: El[];
    listeners: Record<string, (() => void)[]>;
    [key: string]: unknown;
  };
  const make = (name: string): El => {
    const tagName = name.toUpperCase();
    const el: El = {
      tagName,
      style: { cssText: "" },
      attributes: {},
      children: [],
      listeners: {},
      setAttribute(name: string, value: string) {
        el.attributes[name] = value;
      },
      getAttribute(name: string) {
        return el.attributes[name] ?? null;
      },
      appendChild(child: El) {
        el.children.push(child);
      },
      addEventListener(type: string, fn: () => void) {
        (el.listeners[type] ??= []).push(fn);
      },
      focus() {},
    };
    return el;
  };
  const body = make("BODY");
  const script = make("SCRIPT");
  script.src = src;
  Object.assign(script.attributes, attrs);
  const document = {
    currentScript: script,
    baseURI: "https://intranet.example.com/support",
    body,
    createElement: make,
    addEventListener() {},
  };
  const window: Record<string, unknown> = {};
  return { context: vm.createContext({ document, window, URL }), body };
}

describe("/embed.js", () => {
  it("serves the loader as a cacheable classic script any page may include", async () => {
    const res = await GET(new Request("http://localhost/embed.js"), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const text = await res.text();
    // It parses as a script (it is served as one, not as a module) and carries no secret.
    expect(() => new vm.Script(text)).not.toThrow();
    expect(text).not.toMatch(/gw_(pat|sa)_|csrf|token/i);
  });

  it("adds a launcher that opens Groundwork's /embed, from the script's own origin, in a sandboxed frame", async () => {
    const text = await (await GET(new Request("http://localhost/embed.js"), { params: Promise.resolve({}) })).text();
    const { context, body } = fakeDom({
      src: "https://groundwork.example.com/embed.js",
      attrs: { "data-label": "Ask HR" },
    });
    vm.runInContext(text, context);
    expect(body.children).toHaveLength(1);
    const button = body.children[0]!;
    expect(button.textContent).toBe("Ask HR");
    expect(button.attributes["aria-expanded"]).toBe("false");
    // The frame is made on first open only.
    button.listeners.click![0]!();
    expect(button.attributes["aria-expanded"]).toBe("true");
    expect(body.children).toHaveLength(2);
    const frame = body.children[1]!.children[0]!;
    expect(frame.tagName).toBe("IFRAME");
    expect(frame.src).toBe("https://groundwork.example.com/embed");
    expect(frame.attributes.sandbox).toContain("allow-same-origin");
    expect(frame.attributes.sandbox).not.toContain("allow-top-navigation");
    button.listeners.click![0]!();
    expect(button.attributes["aria-expanded"]).toBe("false");
    expect(body.children[1]!.style.display).toBe("none");
    // A second copy of the tag on the same page adds nothing.
    vm.runInContext(text, context);
    expect(body.children).toHaveLength(2);
  });

  it("opens at load with data-open and does nothing without a src to take its origin from", async () => {
    const text = await (await GET(new Request("http://localhost/embed.js"), { params: Promise.resolve({}) })).text();
    const open = fakeDom({ src: "http://127.0.0.1:3100/embed.js", attrs: { "data-open": "true" } });
    vm.runInContext(text, open.context);
    expect(open.body.children).toHaveLength(2);
    expect(open.body.children[1]!.children[0]!.src).toBe("http://127.0.0.1:3100/embed");
    const inline = fakeDom({ src: "" });
    vm.runInContext(text, inline.context);
    expect(inline.body.children).toHaveLength(0);
  });
});
