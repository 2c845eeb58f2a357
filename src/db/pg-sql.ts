// The hot-path SQL of src/db/sql.ts on PostgreSQL, straight on the pool Prisma also uses:
// Prisma's raw-query path (the client, the WASM query compiler) cost more CPU than the query
// and the round trip together (docs/decisions/0014). Transactions retry on deadlock and
// serialization failure (src/db/conflicts.ts).
import crypto from "node:crypto";
import pg from "pg";
import type { Prisma } from "../generated/prisma/client.ts";
import type { Sql, SqlTx } from "./sql.ts";
import { isRetryableConflict } from "./conflicts.ts";

const ATTEMPTS = 3;

// Rows come back as the SQLite path gives them: timestamps (stored without a zone, in UTC) as
// UTC Dates, COUNT(*) (int8) as a number.
const TIMESTAMP = 1114;
const INT8 = 20;
export const pgTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

// Dates as UTC ISO text: a timestamp column without a zone takes the UTC wall time, whatever
// the server's zone.
const values = (query: Prisma.Sql) => query.values.map((v) => (v instanceof Date ? v.toISOString() : v));

// Named (prepared) statements: each connection parses and plans a statement once, and after a
// few runs PostgreSQL may keep a generic plan. Unnamed, every query was planned anew, and the
// planning cost more than running it (0.17–0.4 ms against 0.08 ms for board page 1,
// docs/decisions/0014). Names come from the text; the map is bounded like the SQLite cache.
const NAMES_KEPT = 1000;
const names = new Map<string, string>();
function named(query: Prisma.Sql): pg.QueryConfig {
  let name = names.get(query.text);
  if (!name) {
    if (names.size >= NAMES_KEPT) names.clear();
    name = `j_${crypto.createHash("sha1").update(query.text).digest("hex")}`;
    names.set(query.text, name);
  }
  return { name, text: query.text, values: values(query) };
}

export function pgSql(pool: pg.Pool): Sql {
  return {
    async read<T>(query: Prisma.Sql): Promise<T> {
      return (await pool.query(named(query))).rows as T;
    },
    async transaction<T>(body: (t: SqlTx) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const t: SqlTx = {
            all: async <R>(query: Prisma.Sql) => (await client.query(named(query))).rows as R,
            run: async (query: Prisma.Sql) => (await client.query(named(query))).rowCount ?? 0,
          };
          const result = await body(t);
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          if (attempt >= ATTEMPTS || !isRetryableConflict(error)) throw error;
        } finally {
          client.release();
        }
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    },
  };
}
