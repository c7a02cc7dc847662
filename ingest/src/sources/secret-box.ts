import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { GroundworkError } from "@groundwork/core/errors";
import { registerSecretValues } from "@groundwork/core/logger";
import { readDbEnv } from "@groundwork/db/env";
import { secretKeySetting } from "../env";

/**
 * Connector credentials at rest: AES-256-GCM, one random 96-bit IV per value, the source id as
 * associated data (a ciphertext copied onto another source's row does not decrypt). The key is
 * GROUNDWORK_SECRET_KEY (32 bytes, base64 or hex) or, when unset, a key generated on first use
 * into `.groundwork/secret.key` beside the data dir (mode 0600, created exclusively so web and
 * worker processes starting together agree on one key). Losing the key loses the secrets, not
 * the documents: the admin re-enters them.
 */
const VERSION = "v1";

// Keyed by where the key came from and, for the environment, its text: a different key (a test,
// an explicit `env` argument) must not be answered with the one cached first.
let cached: { source: string; key: Buffer } | undefined;

export function secretKeyFile(env?: NodeJS.ProcessEnv): string {
  return path.join(path.dirname(readDbEnv(env).dataDir), "secret.key");
}

function decodeKey(raw: string, where: string): Buffer {
  const text = raw.trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : Buffer.from(text, "base64");
  if (key.length !== 32)
    throw new GroundworkError(
      "internal",
      `${where} must hold 32 bytes as 64 hex digits or base64 (generate one with: openssl rand -base64 32).`,
    );
  return key;
}

export function secretKey(env?: NodeJS.ProcessEnv): Buffer {
  const fromEnv = secretKeySetting(env);
  const source = fromEnv ? `env:${fromEnv}` : secretKeyFile(env);
  if (cached?.source === source) return cached.key;
  let key: Buffer;
  if (fromEnv) key = decodeKey(fromEnv, "GROUNDWORK_SECRET_KEY");
  else {
    const file = source;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written whole under a private name, then linked into place (link fails if the file exists):
    // a process starting at the same moment never reads a created-but-still-empty key file.
    if (!fs.existsSync(file)) {
      const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
      fs.writeFileSync(draft, randomBytes(32).toString("base64") + "\n", { flag: "wx", mode: 0o600 });
      try {
        fs.linkSync(draft, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      } finally {
        fs.rmSync(draft, { force: true });
      }
    }
    key = decodeKey(fs.readFileSync(file, "utf8"), file);
  }
  cached = { source, key };
  return key;
}

/** Encrypts a source's secret fields (null when there are none). */
export function sealSecrets({
  sourceId,
  secrets,
  env,
}: {
  sourceId: string;
  secrets: Record<string, string>;
  env?: NodeJS.ProcessEnv;
}): string | null {
  if (Object.keys(secrets).length === 0) return null;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(env), iv);
  cipher.setAAD(Buffer.from(`source:${sourceId}`));
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/** Decrypts a source's secret fields; every value is registered with the logger so it is masked wherever it would appear. */
export function openSecrets({
  sourceId,
  sealed,
  env,
}: {
  sourceId: string;
  sealed: string | null;
  env?: NodeJS.ProcessEnv;
}): Record<string, string> {
  if (!sealed) return {};
  const [version, payload] = sealed.split(":", 2);
  if (version !== VERSION || !payload)
    throw new GroundworkError("internal", "Unknown format of stored source secrets.");
  const raw = Buffer.from(payload, "base64");
  // Outside the try: a malformed key is reported as such, not as credentials to re-enter.
  const key = secretKey(env);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`source:${sourceId}`));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
    const secrets = JSON.parse(text) as Record<string, string>;
    registerSecretValues(Object.values(secrets));
    return secrets;
  } catch (error) {
    throw new GroundworkError(
      "bad_request",
      "This source's credentials cannot be decrypted with the current GROUNDWORK_SECRET_KEY; enter them again.",
      { cause: error },
    );
  }
}

/** For tests: forget the cached key (a test switches GROUNDWORK_SECRET_KEY). */
export function resetSecretKeyCache(): void {
  cached = undefined;
}
