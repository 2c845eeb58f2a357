// `npm run bench:data -- --pg`: copies the generated SQLite board (bench/data/bench.db, made
// first if missing) into a PostgreSQL schema, so `npm run bench -- --pg` measures the same
// data on PostgreSQL. Multi-row INSERTs in one transaction per table (its columns read from
// the file, so they follow the schema), then the search index, the id sequences and ANALYZE.
import Database from "better-sqlite3";
import pg from "pg";
import { migratePostgres, schemaOf } from "../src/db/pg-migrate.ts";
import { indexTokens } from "../src/modules/search/search.rules.ts";
import { toolSettings } from "../src/config/env.ts";
import { Prisma } from "../src/generated/prisma/client.ts";

/** Where `--pg` puts the benchmark data: BENCH_PG_URL, or a schema of the local `test` database. */
export function benchPostgresUrl(quick: boolean): string {
  return toolSettings().benchPgUrl ?? `postgresql://postgres@127.0.0.1:5432/test?schema=${quick ? "bench_quick" : "bench"}`;
}

const MAX_PARAMS = 60_000;

/**
 * The tables to copy and their columns, as the migrated SQLite file has them: every model of
 * the schema (the generated client's list) with rows, every column its migrations made. A new
 * or renamed column is copied without an edit here.
 */
function tablesOf(source: Database.Database): { table: string; columns: string[]; dates: Set<string>; hasId: boolean }[] {
  return Object.values(Prisma.ModelName).flatMap((table) => {
    if (!source.prepare(`SELECT 1 FROM "${table}" LIMIT 1`).get()) return [];
    const info = source.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[];
    const columns = info.map((c) => c.name);
    return [{ table, columns, dates: new Set(info.filter((c) => c.type === "DATETIME").map((c) => c.name)), hasId: columns.includes("id") }];
  });
}

export async function loadIntoPostgres(sqliteFile: string, url: string): Promise<void> {
  const schema = schemaOf(url);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
  await migratePostgres(url);

  const source = new Database(sqliteFile, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`SET search_path TO "${schema}"`);
  const quote = (c: string) => `"${c}"`;
  try {
    for (const { table, columns, dates, hasId } of tablesOf(source)) {
      const started = Date.now();
      const rows = source.prepare(`SELECT ${columns.map(quote).join(", ")} FROM "${table}" ORDER BY rowid`).raw().all() as unknown[][];
      const perStatement = Math.floor(MAX_PARAMS / columns.length);
      await client.query("BEGIN");
      for (let i = 0; i < rows.length; i += perStatement) {
        const chunk = rows.slice(i, i + perStatement);
        const params: unknown[] = [];
        const tuples = chunk.map((row) => {
          const marks = row.map((v, j) => {
            params.push(v !== null && dates.has(columns[j]!) ? new Date(v as number | string) : v);
            return `$${params.length}`;
          });
          return `(${marks.join(", ")})`;
        });
        await client.query(`INSERT INTO "${table}" (${columns.map(quote).join(", ")}) VALUES ${tuples.join(", ")}`, params);
      }
      await client.query("COMMIT");
      if (hasId) await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), GREATEST((SELECT MAX(id) FROM "${table}"), 1))`);
      console.log(`${table}: ${rows.length} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    const posts = source
      .prepare(`SELECT id, boardId, title, body FROM Post WHERE deletedAt IS NULL AND blindedAt IS NULL AND hiddenAt IS NULL ORDER BY id`)
      .all() as { id: number; boardId: number; title: string; body: string }[];
    await client.query("BEGIN");
    for (let i = 0; i < posts.length; i += 5000) {
      const params: unknown[] = [];
      const tuples = posts.slice(i, i + 5000).map((p) => {
        params.push(p.id, p.boardId, indexTokens(p.title, p.boardId), indexTokens(p.body, p.boardId));
        const n = params.length;
        return `($${n - 3}, $${n - 2}, to_tsvector('simple', $${n - 1}), to_tsvector('simple', $${n}))`;
      });
      await client.query(`INSERT INTO "PostSearch" ("postId", "boardId", "title", "body") VALUES ${tuples.join(", ")}`, params);
    }
    await client.query("COMMIT");
    await client.query("ANALYZE");
    console.log(`PostSearch: ${posts.length} rows; analyzed`);
  } finally {
    source.close();
    await client.end();
  }
}
