import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Stand-in for `next/headers` while route handlers and pages are invoked outside Next:
 * the same `cookies()` / `headers()` surface, backed by the request the harness crafted.
 */
type Scope = { cookies: Map<string, string>; headers: Headers; setCookies: Map<string, string | null> };

export const requestScope = new AsyncLocalStorage<Scope>();

function current(): Scope {
  const scope = requestScope.getStore();
  if (!scope) throw new Error("next/headers used outside a harness request scope");
  return scope;
}

type CookieOptions = Record<string, unknown>;

export async function cookies() {
  const scope = current();
  return {
    get(name: string) {
      const value = scope.cookies.get(name);
      return value === undefined ? undefined : { name, value };
    },
    getAll() {
      return [...scope.cookies].map(([name, value]) => ({ name, value }));
    },
    has(name: string) {
      return scope.cookies.has(name);
    },
    set(name: string | { name: string; value: string }, value?: string, _options?: CookieOptions) {
      const n = typeof name === "string" ? name : name.name;
      const v = typeof name === "string" ? (value ?? "") : name.value;
      scope.cookies.set(n, v);
      scope.setCookies.set(n, v);
    },
    delete(name: string) {
      scope.cookies.delete(name);
      scope.setCookies.set(name, null);
    },
  };
}

export async function headers() {
  return current().headers;
}

export async function draftMode() {
  return { isEnabled: false, enable() {}, disable() {} };
}
