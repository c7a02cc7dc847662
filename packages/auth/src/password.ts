import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (OWASP-grade memory cost); verify is constant-time.
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword({ hash: stored, password }: { hash: string; password: string }): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
