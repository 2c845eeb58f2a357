// 시세: loading daily prices (`npm run quotes:import`) and the board header's summary of them.
import type { Ctx } from "../../context.ts";
import { num, type SqlInt, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { isFresh } from "../boards/directory.service.ts";
import { HEADER_ROWS, priceHeader, type DailyQuote, type PriceHeader, type QuoteProblem } from "./quotes.rules.ts";

export interface QuotesReport {
  added: number;
  updated: number;
  unchanged: number;
  skipped: QuoteProblem[]; // rows of codes without a board
}

type QuoteRowSql = RowOf<"Quote", "day" | "open" | "high" | "low" | "close"> & {
  volume: SqlInt;
};

/** Writes the quotes in one transaction: new days added, corrected days updated, the same days left alone. */
export async function importQuotes(ctx: Ctx, quotes: DailyQuote[]): Promise<QuotesReport> {
  // The boards as the database has them now (the directory may be seconds old after an import).
  const boards = await ctx.sql.read<{ id: SqlInt; stockCode: string }[]>(Prisma.sql`SELECT "id", "stockCode" FROM "Board"`);
  const directory = new Map(boards.map((b) => [b.stockCode, { id: num(b.id) }]));
  const report: QuotesReport = { added: 0, updated: 0, unchanged: 0, skipped: [] };
  const touched = new Set<number>();
  const byBoard = new Map<number, DailyQuote[]>();
  for (const q of quotes) {
    const board = directory.get(q.stockCode);
    if (!board) {
      report.skipped.push({ line: q.line, message: `${q.stockCode}: 게시판이 없는 종목입니다 (먼저 npm run boards:import).` });
      continue;
    }
    let list = byBoard.get(board.id);
    if (!list) byBoard.set(board.id, (list = []));
    list.push(q);
  }
  await ctx.sql.transaction(async (t) => {
    const inserts: Prisma.Sql[] = [];
    for (const [boardId, list] of byBoard) {
      const days = list.map((q) => q.day);
      const existing = await t.all<QuoteRowSql[]>(
        Prisma.sql`SELECT "day", "open", "high", "low", "close", "volume" FROM "Quote" WHERE "boardId" = ${boardId} AND "day" IN (${Prisma.join(days)})`,
      );
      const known = new Map(existing.map((r) => [r.day, r]));
      for (const q of list) {
        const row = known.get(q.day);
        if (!row) {
          inserts.push(Prisma.sql`(${boardId}, ${q.day}, ${q.open}, ${q.high}, ${q.low}, ${q.close}, ${q.volume})`);
          report.added++;
        } else if (num(row.open) !== q.open || num(row.high) !== q.high || num(row.low) !== q.low || num(row.close) !== q.close || BigInt(row.volume) !== q.volume) {
          await t.run(Prisma.sql`UPDATE "Quote" SET "open" = ${q.open}, "high" = ${q.high}, "low" = ${q.low}, "close" = ${q.close}, "volume" = ${q.volume}
            WHERE "boardId" = ${boardId} AND "day" = ${q.day}`);
          report.updated++;
        } else {
          report.unchanged++;
          continue;
        }
        touched.add(boardId);
      }
    }
    for (let i = 0; i < inserts.length; i += ctx.dialect.batchRows) {
      await t.run(Prisma.sql`INSERT INTO "Quote" ("boardId", "day", "open", "high", "low", "close", "volume") VALUES ${Prisma.join(inserts.slice(i, i + ctx.dialect.batchRows))}`);
    }
  });
  // This process shows the new prices at once; other processes within REFRESH_MS.
  const memo = headers.get(ctx.db);
  for (const boardId of touched) {
    memo?.delete(boardId);
    ctx.changes.announce({ kind: "market", boardId });
  }
  return report;
}

// Each process keeps each board's header for REFRESH_MS: the header is on every board page,
// and prices change once a day, by a command in another process.
const headers = new WeakMap<object, Map<number, { at: number; header: PriceHeader | null }>>();

/** The header's prices of a board, or null when none were loaded. */
export async function readPriceHeader(ctx: Ctx, boardId: number): Promise<PriceHeader | null> {
  let memo = headers.get(ctx.db);
  if (!memo) headers.set(ctx.db, (memo = new Map()));
  const kept = memo.get(boardId);
  if (kept && isFresh(ctx, kept.at)) return kept.header;
  const rows = await ctx.sql.read<{ day: string; close: SqlInt; high: SqlInt; low: SqlInt; volume: SqlInt }[]>(
    Prisma.sql`SELECT "day", "close", "high", "low", "volume" FROM "Quote" WHERE "boardId" = ${boardId} ORDER BY "day" DESC LIMIT ${HEADER_ROWS}`,
  );
  const header = priceHeader(rows.map((r) => ({ day: r.day, close: num(r.close), high: num(r.high), low: num(r.low), volume: num(r.volume) })));
  memo.set(boardId, { at: ctx.clock().getTime(), header });
  return header;
}
