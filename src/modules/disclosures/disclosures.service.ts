// 공시: loading DART's filings (`npm run disclosures:import`) and reading them for the 공시 tab and
// the stock header. An import reads its file twice: once to check all of it (a file that is not
// JSON of DART's shape, or an error answer, writes nothing), then to write the filings in
// batches, each batch one transaction (docs/product.md §17).
import type { Ctx } from "../../context.ts";
import { num, type RowOf, type SqlInt } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { addCounts, inBatches } from "../../lib/batches.ts";
import { OperatorError } from "../../lib/operator-error.ts";
import { kstDay } from "../../lib/kst-time.ts";
import { isFresh } from "../boards/directory.service.ts";
import { dartStatusProblem, DISCLOSURES_PER_PAGE, HEADER_FILINGS, readFiling, type Filing } from "./disclosures.rules.ts";

/** What a reader of the file hands on: each element of `list`, and the answers' other fields. */
export type FilingEvent = { kind: "item"; value: unknown; index: number; line: number } | { kind: "field"; name: string; value: unknown; response: number };

export interface SkippedFiling {
  line: number;
  index: number; // 0-based over the file
  message: string;
}

export interface DisclosuresReport {
  added: number;
  updated: number;
  unchanged: number;
  skipped: SkippedFiling[]; // in file order, the first SKIPPED_LISTED
  skippedCount: number;
}

const BATCH = 500;
/** Skipped items reported one by one; past this only counted (a file of garbage stays a short report). */
export const SKIPPED_LISTED = 1000;

type DisclosureRowSql = RowOf<"Disclosure", "receiptNo" | "boardId" | "corpCode" | "corpName" | "reportName" | "filerName" | "day" | "remark">;

/** Imports the filings `read()` yields (called twice: check, then write). */
export async function importDisclosures(ctx: Ctx, read: () => AsyncIterable<FilingEvent>): Promise<DisclosuresReport> {
  const today = kstDay(ctx.clock());
  const boards = await ctx.sql.read<{ id: SqlInt; stockCode: string }[]>(Prisma.sql`SELECT "id", "stockCode" FROM "Board"`);
  const boardOf = new Map(boards.map((b) => [b.stockCode, num(b.id)]));
  const judge = (value: unknown): Filing | string => {
    const filing = readFiling(value, today);
    if ("problem" in filing) return filing.problem;
    return boardOf.has(filing.stockCode) ? filing : `${filing.stockCode}: 게시판이 없는 종목입니다 (먼저 npm run boards:import).`;
  };

  const report: DisclosuresReport = { added: 0, updated: 0, unchanged: 0, skipped: [], skippedCount: 0 };
  const answers = new Map<number, { status?: unknown; message?: unknown }>();
  for await (const event of read()) {
    if (event.kind === "field") {
      if (event.name === "status" || event.name === "message") answers.set(event.response, { ...answers.get(event.response), [event.name]: event.value });
      continue;
    }
    const judged = judge(event.value);
    if (typeof judged === "string") {
      if (report.skippedCount++ < SKIPPED_LISTED) report.skipped.push({ line: event.line, index: event.index, message: judged });
    }
  }
  for (const [response, { status, message }] of answers) {
    const problem = dartStatusProblem(status, message);
    if (problem) throw new OperatorError(`${response}번째 응답: ${problem} 아무것도 들여오지 않았습니다.`);
  }

  const touched = new Set<number>();
  async function* filings(): AsyncGenerator<Filing> {
    for await (const event of read()) {
      if (event.kind !== "item") continue;
      const judged = judge(event.value);
      if (typeof judged !== "string") yield judged;
    }
  }
  await inBatches(filings(), BATCH, async (batch) => {
    const written = await writeBatch(ctx, batch, boardOf);
    addCounts(report, written);
    for (const id of written.touched) touched.add(id);
  });
  // This process shows them at once; the others within REFRESH_MS (or at once through the change feed).
  for (const boardId of touched) {
    todays.get(ctx.db)?.delete(boardId);
    ctx.changes.announce({ kind: "market", boardId });
  }
  return report;
}

async function writeBatch(ctx: Ctx, filings: Filing[], boardOf: Map<string, number>) {
  const result = { added: 0, updated: 0, unchanged: 0, touched: new Set<number>() };
  // A filing listed twice in one batch (pages saved overlapping) is written once, as last given.
  const byReceipt = new Map(filings.map((f) => [f.receiptNo, f]));
  result.unchanged += filings.length - byReceipt.size;
  await ctx.sql.transaction(async (t) => {
    const existing = await t.all<DisclosureRowSql[]>(
      Prisma.sql`SELECT "receiptNo", "boardId", "corpCode", "corpName", "reportName", "filerName", "day", "remark" FROM "Disclosure"
        WHERE "receiptNo" IN (${Prisma.join([...byReceipt.keys()])})`,
    );
    const known = new Map(existing.map((r) => [r.receiptNo, r]));
    const inserts: Prisma.Sql[] = [];
    for (const f of byReceipt.values()) {
      const boardId = boardOf.get(f.stockCode)!;
      const row = known.get(f.receiptNo);
      if (!row) {
        inserts.push(Prisma.sql`(${f.receiptNo}, ${boardId}, ${f.corpCode}, ${f.corpName}, ${f.reportName}, ${f.filerName}, ${f.day}, ${f.remark}, ${ctx.clock()})`);
        result.added++;
      } else if (num(row.boardId) !== boardId || row.corpCode !== f.corpCode || row.corpName !== f.corpName || row.reportName !== f.reportName || row.filerName !== f.filerName || row.day !== f.day || row.remark !== f.remark) {
        // DART corrects a filing under its number ([기재정정] in the title): the row follows it.
        await t.run(Prisma.sql`UPDATE "Disclosure" SET "boardId" = ${boardId}, "corpCode" = ${f.corpCode}, "corpName" = ${f.corpName}, "reportName" = ${f.reportName},
          "filerName" = ${f.filerName}, "day" = ${f.day}, "remark" = ${f.remark} WHERE "receiptNo" = ${f.receiptNo}`);
        result.updated++;
        result.touched.add(num(row.boardId));
      } else {
        result.unchanged++;
        continue;
      }
      result.touched.add(boardId);
    }
    for (let i = 0; i < inserts.length; i += ctx.dialect.batchRows) {
      await t.run(Prisma.sql`INSERT INTO "Disclosure" ("receiptNo", "boardId", "corpCode", "corpName", "reportName", "filerName", "day", "remark", "importedAt")
        VALUES ${Prisma.join(inserts.slice(i, i + ctx.dialect.batchRows))}`);
    }
  });
  return result;
}

export interface ListedFiling {
  receiptNo: string;
  reportName: string;
  filerName: string;
  day: string;
  remark: string;
}

type ListedRowSql = RowOf<"Disclosure", "receiptNo" | "reportName" | "filerName" | "day" | "remark">;

/** A page of a board's filings, newest first (by receipt day, then number: DART numbers in order). */
export async function boardDisclosures(ctx: Ctx, boardId: number, page: number): Promise<{ rows: ListedFiling[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    ctx.sql.read<ListedRowSql[]>(Prisma.sql`SELECT "receiptNo", "reportName", "filerName", "day", "remark" FROM "Disclosure" WHERE "boardId" = ${boardId}
      ORDER BY "day" DESC, "receiptNo" DESC LIMIT ${DISCLOSURES_PER_PAGE} OFFSET ${(page - 1) * DISCLOSURES_PER_PAGE}`),
    ctx.sql.read<{ n: SqlInt }[]>(Prisma.sql`SELECT COUNT(*) AS n FROM "Disclosure" WHERE "boardId" = ${boardId}`),
  ]);
  return { rows, total: num(count!.n) };
}

// Each process keeps each board's filings of today for REFRESH_MS, as it keeps its prices: the
// header is on every board page, and filings arrive by a command in another process.
const todays = new WeakMap<object, Map<number, { at: number; day: string; filings: TodaysFilings }>>();

export interface TodaysFilings {
  count: number;
  newest: ListedFiling[]; // at most HEADER_FILINGS
}

/** The board's filings received today (KST), newest first, for the header. */
export async function todaysFilings(ctx: Ctx, boardId: number): Promise<TodaysFilings> {
  let memo = todays.get(ctx.db);
  if (!memo) todays.set(ctx.db, (memo = new Map()));
  const day = kstDay(ctx.clock());
  const kept = memo.get(boardId);
  if (kept && kept.day === day && isFresh(ctx, kept.at)) return kept.filings;
  const rows = await ctx.sql.read<(ListedRowSql & { n: SqlInt })[]>(
    Prisma.sql`SELECT "receiptNo", "reportName", "filerName", "day", "remark", COUNT(*) OVER () AS n FROM "Disclosure"
      WHERE "boardId" = ${boardId} AND "day" = ${day} ORDER BY "receiptNo" DESC LIMIT ${HEADER_FILINGS}`,
  );
  const filings = { count: rows[0] ? num(rows[0].n) : 0, newest: rows.map((r) => ({ receiptNo: r.receiptNo, reportName: r.reportName, filerName: r.filerName, day: r.day, remark: r.remark })) };
  memo.set(boardId, { at: ctx.clock().getTime(), day, filings });
  return filings;
}
