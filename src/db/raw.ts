// Raw SQL results come back with driver types: integers may be BigInt (SQLite; PostgreSQL's
// COUNT) and dates may be text (SQLite). Each raw query declares its row with these types and
// maps it once with the functions below.
export type SqlInt = number | bigint;
export type SqlDate = Date | string;

export const num = (v: SqlInt): number => (typeof v === "bigint" ? Number(v) : v);
export const date = (v: SqlDate): Date => (v instanceof Date ? v : new Date(v));
export const dateOrNull = (v: SqlDate | null | undefined): Date | null => (v === null || v === undefined ? null : date(v));
