// Raw SQL results come back with driver types: integers may be BigInt (SQLite) and dates may
// be strings. These turn them into what the rest of the code expects.
export const num = (v: unknown): number => (typeof v === "bigint" ? Number(v) : (v as number));
export const date = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string));
export const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));
