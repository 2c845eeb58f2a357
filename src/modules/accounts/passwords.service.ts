// Password hashing with argon2id at OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
// Passwords are NFC-normalized first so the same passphrase typed through different Korean
// input methods (composed or decomposed jamo) verifies; they are never truncated.
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (an ambient const enum, not importable as a value)
  memoryCost: 19_456, // KiB
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), OPTIONS);
}

// Verifying against this when the account does not exist (or cannot sign in) makes a
// failed sign-in take the same time either way.
const DUMMY_HASH = hash("jongto-dummy-password", OPTIONS);

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await DUMMY_HASH, password.normalize("NFC")).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password.normalize("NFC"));
  } catch {
    return false;
  }
}
