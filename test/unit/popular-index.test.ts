// 인기 walks an expression index (Post_popular_idx) that a hand-written migration creates in
// each dialect; a planner uses it only when the query writes the very same expressions. These
// checks fail when the score's weights or the day's expression change without a new index.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dialectFor } from "../../src/db/dialect.ts";
import { POPULAR_SCORE, popularScore } from "../../src/modules/posts/posts.rules.ts";

const migration = (dir: string) => {
  const folder = fs.readdirSync(dir).find((d) => d.endsWith("_popular_index"))!;
  return fs.readFileSync(path.join(dir, folder, "migration.sql"), "utf8");
};
// The dialect's expression over the query's alias, as the index (without an alias) has it.
const unaliased = (sql: { sql: string }) => sql.sql.replaceAll('p."', '"');

describe("the 인기 index", () => {
  it("holds the score and the KST day exactly as the queries write them", () => {
    const sqlite = migration("prisma/migrations");
    const postgres = migration("prisma/postgres/migrations");
    expect(popularScore("p")).toBe('(3 * p."upCount" + 2 * p."commentCount" + p."viewCount" / 10)');
    for (const sql of [sqlite, postgres]) expect(sql).toContain(`${POPULAR_SCORE} DESC, "createdAt" DESC)`);
    expect(sqlite).toContain(`"boardId", ${unaliased(dialectFor("sqlite").postKstDay)}, `);
    expect(postgres).toContain(`"boardId", (${unaliased(dialectFor("postgres").postKstDay)}), `);
  });
});
