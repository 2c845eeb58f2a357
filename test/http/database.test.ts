// Which database the suite runs on: SQLite for `npm test`, PostgreSQL for `npm run test:pg`.
import { describe, expect, it } from "vitest";
import { onPostgres, setUpTestApp } from "../helpers.ts";

describe("the test database", () => {
  it("is the one the command asked for, with a schema or file of its own", async () => {
    const t = await setUpTestApp();
    if (onPostgres) {
      expect(t.dialect.kind).toBe("postgres");
      const [row] = await t.db.$queryRaw<{ v: string; s: string }[]>`SELECT version() AS v, CAST(current_schema() AS TEXT) AS s`;
      expect(row!.v).toContain("PostgreSQL");
      expect(row!.s).toMatch(/^t_/);
    } else {
      expect(t.dialect.kind).toBe("sqlite");
      expect(t.url).toMatch(/^file:.*\.db$/);
    }
    expect(await t.db.board.count()).toBe(5);
  });

  it("refuses NUL in text on both databases before it reaches them", async () => {
    const { textField } = await import("../../src/lib/input.ts");
    expect(textField({ label: "내용", min: 1, max: 10, multiline: true }).safeParse("a\u0000b").success).toBe(false);
  });
});
