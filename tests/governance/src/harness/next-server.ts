/**
 * Stand-in for `next/server` outside Next: everything real, except `connection()`, which only
 * marks a render as dynamic and needs Next's request scope.
 */
export * from "../../../../apps/web/node_modules/next/server.js";

export async function connection(): Promise<void> {}
