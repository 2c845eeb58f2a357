// A transaction PostgreSQL gave up on because of a deadlock or a serialization conflict: its
// statements were all undone, so running it again is safe (src/db/pg-sql.ts does, a few
// times), and a request that still loses is told "busy, try again" (503). SQLite never reports
// either: one process runs one transaction at a time (docs/decisions/0002).

/**
 * A unique index refused the write: PostgreSQL's 23505, SQLite's SQLITE_CONSTRAINT_UNIQUE, or
 * Prisma's P2002. Under PostgreSQL's read committed two transactions can both find a name free
 * and race to the index; the loser's statement fails with this.
 */
export function isUniqueViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === "object" && !seen.has(e); ) {
    seen.add(e);
    const { code, meta, cause } = e as { code?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
    if (code === "23505" || code === "P2002" || code === "SQLITE_CONSTRAINT_UNIQUE") return true;
    e = meta?.driverAdapterError ?? cause;
  }
  return false;
}

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
