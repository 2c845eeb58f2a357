// Every read-then-write of the domain runs through here: one interactive transaction, retried a
// few times when PostgreSQL gives up on it because of a deadlock or a serialization conflict
// (the statements are all undone then, so running the body again is safe). SQLite never
// reports either: one process runs one transaction at a time (docs/decisions/0002).
import type { Db, Tx } from "./types.ts";

const ATTEMPTS = 3;

/** SQLSTATE 40P01 (deadlock), 40001 (serialization), or Prisma's name for them (P2034). */
export function isRetryableConflict(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === "object" && !seen.has(e); ) {
    seen.add(e);
    const { code, meta, cause } = e as { code?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
    if (code === "P2034" || code === "40P01" || code === "40001") return true;
    if ((e as { kind?: unknown }).kind === "TransactionWriteConflict") return true;
    e = meta?.driverAdapterError ?? cause;
  }
  return false;
}

export async function transaction<T>(ctx: { db: Db }, body: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await ctx.db.$transaction(body);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryableConflict(error)) throw error;
      // A short, jittered pause lets the transaction that won go first.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
