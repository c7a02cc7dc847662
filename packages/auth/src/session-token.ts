import { randomToken, sha256Hex } from "@groundwork/core/ids";

/** Sessions are stored under the sha256 of the cookie token, so a leaked table dump cannot be replayed. */
export function sessionIdOf(token: string): string {
  return sha256Hex(token);
}

export function newSessionToken(): string {
  return randomToken({ bytes: 32 });
}
