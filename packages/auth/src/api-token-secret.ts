import { timingSafeEqual } from "node:crypto";
import { randomToken, sha256Hex, shortId } from "@groundwork/core/ids";

/**
 * Token text: `gw_pat_<public id>_<secret>` for a person's token, `gw_sa_<public id>_<secret>`
 * for a service account's. The prefix makes a leaked token recognisable to secret scanners; the
 * public id (12 hex) finds the row and is what lists show; the secret is 32 random bytes. Only
 * the sha256 of the whole text is stored.
 */
export type TokenKind = "pat" | "sa";

const TOKEN_PATTERN = /^gw_(pat|sa)_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export function newApiTokenSecret({ kind }: { kind: TokenKind }): {
  token: string;
  prefix: string;
  publicId: string;
  secretHash: string;
} {
  const publicId = shortId({ length: 12 });
  const prefix = `gw_${kind}_${publicId}`;
  const token = `${prefix}_${randomToken({ bytes: 32 })}`;
  return { token, prefix, publicId, secretHash: sha256Hex(token) };
}

/** The public id of a well-formed token, or null (anything else is not a Groundwork token). */
export function parseApiToken(token: string): { kind: TokenKind; publicId: string } | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { kind: match[1] as TokenKind, publicId: match[2]! } : null;
}

/** Whether `token` hashes to `secretHash`, compared in constant time. */
export function tokenMatches({ token, secretHash }: { token: string; secretHash: string }): boolean {
  const given = Buffer.from(sha256Hex(token), "hex");
  const stored = Buffer.from(secretHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
