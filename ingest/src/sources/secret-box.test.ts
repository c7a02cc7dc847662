import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { isGroundworkError } from "@groundwork/core/errors";
import { formatLogLine } from "@groundwork/core/logger";
import { openSecrets, resetSecretKeyCache, sealSecrets, secretKey, secretKeyFile } from "./secret-box";

const SOURCE = "00000000-0000-4000-8000-00000000000a";
const OTHER = "00000000-0000-4000-8000-00000000000b";
const keyEnv = (key = randomBytes(32)) => ({ GROUNDWORK_SECRET_KEY: key.toString("base64") });

afterEach(() => resetSecretKeyCache());

describe("secret box", () => {
  it("round-trips a source's secrets, with a fresh IV per seal", () => {
    const env = keyEnv();
    const secrets = { token: "ghp_round_trip_token", password: "hunter2-but-longer" };
    const a = sealSecrets({ sourceId: SOURCE, secrets, env })!;
    const b = sealSecrets({ sourceId: SOURCE, secrets, env })!;
    expect(a).toMatch(/^v1:/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("ghp_round_trip_token");
    expect(openSecrets({ sourceId: SOURCE, sealed: a, env })).toEqual(secrets);
    expect(openSecrets({ sourceId: SOURCE, sealed: b, env })).toEqual(secrets);
  });

  it("seals nothing when there are no secrets, and opens null as none", () => {
    const env = keyEnv();
    expect(sealSecrets({ sourceId: SOURCE, secrets: {}, env })).toBeNull();
    expect(openSecrets({ sourceId: SOURCE, sealed: null, env })).toEqual({});
  });

  it("refuses a ciphertext copied onto another source (the source id is associated data)", () => {
    const env = keyEnv();
    const sealed = sealSecrets({ sourceId: SOURCE, secrets: { token: "moved-token-value" }, env });
    expect(() => openSecrets({ sourceId: OTHER, sealed, env })).toThrow(/cannot be decrypted/);
  });

  it("fails with a clear GroundworkError under the wrong key", () => {
    const sealed = sealSecrets({ sourceId: SOURCE, secrets: { token: "wrong-key-token" }, env: keyEnv() });
    const error = (() => {
      try {
        openSecrets({ sourceId: SOURCE, sealed, env: keyEnv() });
      } catch (e) {
        return e;
      }
    })();
    expect(isGroundworkError(error)).toBe(true);
    expect((error as Error).message).toMatch(/GROUNDWORK_SECRET_KEY.*enter them again/);
  });

  it("accepts a key as 64 hex digits or base64 (the same key either way) and refuses a short one", () => {
    const key = randomBytes(32);
    expect(secretKey({ GROUNDWORK_SECRET_KEY: key.toString("hex") }).equals(key)).toBe(true);
    resetSecretKeyCache();
    expect(secretKey({ GROUNDWORK_SECRET_KEY: key.toString("base64") }).equals(key)).toBe(true);
    const sealed = sealSecrets({
      sourceId: SOURCE,
      secrets: { token: "hex-then-base64" },
      env: { GROUNDWORK_SECRET_KEY: key.toString("hex") },
    });
    resetSecretKeyCache();
    expect(openSecrets({ sourceId: SOURCE, sealed, env: { GROUNDWORK_SECRET_KEY: key.toString("base64") } })).toEqual({
      token: "hex-then-base64",
    });
    resetSecretKeyCache();
    expect(() => secretKey({ GROUNDWORK_SECRET_KEY: randomBytes(16).toString("base64") })).toThrow(/32 bytes/);
  });

  it("uses the key the environment names now, not one cached from an earlier key", () => {
    const first = randomBytes(32);
    const second = randomBytes(32);
    expect(secretKey({ GROUNDWORK_SECRET_KEY: first.toString("hex") }).equals(first)).toBe(true);
    expect(secretKey({ GROUNDWORK_SECRET_KEY: second.toString("hex") }).equals(second)).toBe(true);
  });

  it("reports a malformed key as a key problem, not as undecryptable credentials", () => {
    const sealed = sealSecrets({ sourceId: SOURCE, secrets: { token: "malformed-key" }, env: keyEnv() });
    expect(() => openSecrets({ sourceId: SOURCE, sealed, env: { GROUNDWORK_SECRET_KEY: "short" } })).toThrow(
      /must hold 32 bytes/,
    );
  });

  it("generates a key file with mode 0600 beside the data dir and reuses it", () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "gw-secret-key-"));
    try {
      const env = { GROUNDWORK_DATA_DIR: path.join(home, "data") };
      const file = secretKeyFile(env);
      expect(file).toBe(path.join(home, "secret.key"));
      expect(fs.existsSync(file)).toBe(false);
      const sealed = sealSecrets({ sourceId: SOURCE, secrets: { token: "generated-key-token" }, env });
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const onDisk = fs.readFileSync(file, "utf8");
      expect(Buffer.from(onDisk.trim(), "base64")).toHaveLength(32);
      // A new process (no cache) reads the same file instead of generating another key.
      resetSecretKeyCache();
      expect(openSecrets({ sourceId: SOURCE, sealed, env })).toEqual({ token: "generated-key-token" });
      expect(fs.readFileSync(file, "utf8")).toBe(onDisk);
      expect(fs.readdirSync(home).sort()).toEqual(["secret.key"]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it("masks an opened secret in every log line, even inside an error message", () => {
    const env = keyEnv();
    const token = `tok-${randomBytes(8).toString("hex")}`;
    const sealed = sealSecrets({ sourceId: SOURCE, secrets: { apiToken: token }, env });
    // Sealing alone does not register the value; opening (what a run does) does.
    expect(formatLogLine("info", `sealed ${token}`)).toContain(token);
    openSecrets({ sourceId: SOURCE, sealed, env });
    const line = formatLogLine("error", `request failed for ${token}`, {
      error: new Error(`401 Unauthorized: bearer ${token} rejected`),
      detail: `upstream said ${token}`,
      nested: { list: [`x${token}y`] },
    });
    expect(line).not.toContain(token);
    expect(line).toContain("401 Unauthorized: bearer [redacted] rejected");
    expect(line).toContain("upstream said [redacted]");
  });
});
