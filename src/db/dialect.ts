// Which database this process talks to. One process uses one kind of database (chosen from
// DATABASE_URL at start-up), so the few places whose SQL differs ask here.
import type { Tx } from "../context.ts";
import { Prisma } from "../generated/prisma/client.ts";

export type Dialect = "sqlite" | "postgres";

let current: Dialect | null = null;

export function dialectOf(url: string): Dialect {
  return url.startsWith("file:") ? "sqlite" : "postgres";
}

export function useDialect(d: Dialect): void {
  if (current && current !== d) throw new Error(`this process already uses ${current}, not ${d}`);
  current = d;
}

export function dialect(): Dialect {
  return current ?? "sqlite";
}

/**
 * Locks a row until the transaction ends, so read-then-write transactions on the same row
 * (a vote, an opinion, a daily cap) run one after another. SQLite needs nothing: every
 * statement of the process is already serialized (docs/decisions/0002).
 *
 * FOR NO KEY UPDATE, not FOR UPDATE: inserting a row that references a locked one (a comment
 * of the locked user, a vote on the locked post) takes a KEY SHARE lock on it, which FOR UPDATE
 * blocks and FOR NO KEY UPDATE does not; with FOR UPDATE one user commenting and voting on
 * one post at the same moment deadlocked. Order: a transaction that locks both locks the
 * User before the Post (docs/decisions/0012).
 */
export async function lockRow(tx: Tx, table: "Post" | "User", id: number): Promise<void> {
  if (dialect() === "sqlite") return;
  await tx.$queryRaw(Prisma.sql`SELECT 1 FROM ${Prisma.raw(`"${table}"`)} WHERE "id" = ${id} FOR NO KEY UPDATE`);
}

/** Makes concurrent runs of one job (the seed of two instances starting together) take turns. */
export async function lockJob(tx: Tx, key: number): Promise<void> {
  if (dialect() === "sqlite") return; // a write transaction already excludes the others
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(${key})`);
}
