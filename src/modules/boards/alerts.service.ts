// 시장경보 and trading status: loading the exchange's designations (`npm run alerts:import`). The
// file is read twice: once to check all of it (a broken CSV writes nothing), then to write its
// designations in batches, each one transaction (docs/product.md §17). The boards show them
// through the directory's copy (directory.service.ts).
import type { Ctx } from "../../context.ts";
import { num, type RowOf, type SqlInt } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { addCounts, inBatches } from "../../lib/batches.ts";
import { kstDay } from "../../lib/kst-time.ts";
import type { TableRow } from "../../lib/tabular.ts";
import { alertColumns, AlertsError, readDesignation, type AlertProblem, type Designation } from "./alerts.rules.ts";
import { forgetBoardDirectory } from "./directory.service.ts";

export interface AlertsReport {
  added: number;
  updated: number; // a 해제일 given or corrected
  unchanged: number;
  skipped: AlertProblem[]; // in file order, the first SKIPPED_LISTED
  skippedCount: number;
}

const BATCH = 500;
/** Skipped rows reported one by one; past this only counted. */
export const SKIPPED_LISTED = 1000;

type AlertRowSql = RowOf<"MarketAlert", "id" | "kind" | "startDay" | "endDay"> & { boardId: SqlInt };

/** Imports the designations of the rows `read()` yields (called twice: check, then write). */
export async function importAlerts(ctx: Ctx, read: () => AsyncIterable<TableRow>): Promise<AlertsReport> {
  const today = kstDay(ctx.clock());
  const boards = await ctx.sql.read<{ id: SqlInt; stockCode: string }[]>(Prisma.sql`SELECT "id", "stockCode" FROM "Board"`);
  const boardOf = new Map(boards.map((b) => [b.stockCode, num(b.id)]));

  // Each row after the header, as a designation or a problem.
  async function* designations(): AsyncGenerator<Designation | AlertProblem> {
    let at: ReturnType<typeof alertColumns> | null = null;
    for await (const row of read()) {
      if (!at) {
        at = alertColumns(row.cells);
        continue;
      }
      const d = readDesignation(row, at, today);
      if ("message" in d) yield d;
      else if (!boardOf.has(d.stockCode)) yield { line: d.line, message: `${d.stockCode}: 게시판이 없는 종목입니다 (먼저 npm run boards:import).` };
      else yield d;
    }
    if (!at) throw new AlertsError("빈 파일입니다: 머리글 줄(종목코드, 구분, 지정일, 해제일)이 있어야 합니다.");
  }

  const report: AlertsReport = { added: 0, updated: 0, unchanged: 0, skipped: [], skippedCount: 0 };
  for await (const d of designations()) {
    if ("message" in d && report.skippedCount++ < SKIPPED_LISTED) report.skipped.push(d);
  }
  const touched = new Set<number>();
  async function* valid(): AsyncGenerator<Designation> {
    for await (const d of designations()) if (!("message" in d)) yield d;
  }
  await inBatches(valid(), BATCH, async (batch) => {
    const written = await writeBatch(ctx, batch, boardOf);
    addCounts(report, written);
    for (const id of written.touched) touched.add(id);
  });
  if (touched.size > 0) forgetBoardDirectory(ctx);
  for (const boardId of touched) ctx.changes.announce({ kind: "market", boardId }, { kind: "board", boardId });
  return report;
}

async function writeBatch(ctx: Ctx, designations: Designation[], boardOf: Map<string, number>) {
  const result = { added: 0, updated: 0, unchanged: 0, touched: new Set<number>() };
  const keyOf = (boardId: number, kind: string, startDay: string) => `${boardId} ${kind} ${startDay}`;
  // The same designation twice in a batch: the last row says how it stands.
  const byKey = new Map(designations.map((d) => [keyOf(boardOf.get(d.stockCode)!, d.kind, d.startDay), d]));
  result.unchanged += designations.length - byKey.size;
  await ctx.sql.transaction(async (t) => {
    const ids = [...new Set([...byKey.values()].map((d) => boardOf.get(d.stockCode)!))];
    const existing = await t.all<AlertRowSql[]>(
      Prisma.sql`SELECT "id", "boardId", "kind", "startDay", "endDay" FROM "MarketAlert" WHERE "boardId" IN (${Prisma.join(ids)})`,
    );
    const known = new Map(existing.map((r) => [keyOf(num(r.boardId), r.kind, r.startDay), r]));
    for (const [key, d] of byKey) {
      const boardId = boardOf.get(d.stockCode)!;
      const row = known.get(key);
      if (!row) {
        await t.run(Prisma.sql`INSERT INTO "MarketAlert" ("boardId", "kind", "startDay", "endDay") VALUES (${boardId}, ${d.kind}, ${d.startDay}, ${d.endDay})`);
        result.added++;
      } else if (row.endDay !== d.endDay) {
        await t.run(Prisma.sql`UPDATE "MarketAlert" SET "endDay" = ${d.endDay} WHERE "id" = ${num(row.id)}`);
        result.updated++;
      } else {
        result.unchanged++;
        continue;
      }
      result.touched.add(boardId);
    }
  });
  return result;
}
