// Applies the migrations of whichever database DATABASE_URL names: the SQLite migrator or the
// PostgreSQL one. `npm start`, `npm run dev` and `npm run db:migrate` all come through here.
import { databaseKind, type Env } from "../config/env.ts";
import { migratePostgres } from "./pg-migrate.ts";
import { sqlitePath } from "./sqlite-file.ts";
import { migrateSqlite } from "./sqlite-migrate.ts";

export async function applyMigrations(env: Pick<Env, "DATABASE_URL" | "SQLITE_BUSY_TIMEOUT_MS">, log: (line: string) => void = () => {}): Promise<string[]> {
  if (databaseKind(env.DATABASE_URL) === "sqlite") {
    return migrateSqlite(sqlitePath(env.DATABASE_URL), env.SQLITE_BUSY_TIMEOUT_MS, log);
  }
  return migratePostgres(env.DATABASE_URL, log);
}
