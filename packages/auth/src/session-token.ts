import { createHash, randomBytes } from "node:crypto";

/** Sessions are stored under the sha256 of the cookie token, so a leaked table dump cannot be replayed. */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}
