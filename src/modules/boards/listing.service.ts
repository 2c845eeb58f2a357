// `npm run boards:import`: a listing file's companies as boards, in one transaction. New codes
// become boards; a changed name or market is updated; with `delist`, a board of a market the
// file covers whose company is missing becomes read-only (never deleted: its posts stay). Run
// twice, the second run changes nothing.
import type { Ctx } from "../../context.ts";
import { dateOrNull, num, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { forgetBoardDirectory } from "./directory.service.ts";
import { ListingError, type Listing } from "./listing.rules.ts";

const IMPORT_LOCK_KEY = 727_019;
/**
 * A file that would delist more than this share of a market's boards is more likely cut short
 * than a market in collapse: the import refuses it unless told otherwise (`allowMassDelisting`).
 */
export const MASS_DELISTING_SHARE = 0.2;

export interface ImportReport {
  added: string[];
  renamed: { stockCode: string; from: string; to: string }[];
  moved: { stockCode: string; from: string; to: string }[]; // market changed (이전상장)
  relisted: string[];
  delisted: string[];
  unchanged: number;
}

type BoardRowSql = RowOf<"Board", "id" | "stockCode" | "stockName" | "market" | "delistedAt">;

export async function importListing(ctx: Ctx, listing: Listing, options: { delist: boolean; allowMassDelisting?: boolean }): Promise<ImportReport> {
  const now = ctx.clock();
  const report: ImportReport = { added: [], renamed: [], moved: [], relisted: [], delisted: [], unchanged: 0 };
  const changedIds: number[] = [];
  await ctx.sql.transaction(async (t) => {
    await ctx.dialect.lockJob(t, IMPORT_LOCK_KEY); // two imports at once run one after the other
    const existing = await t.all<BoardRowSql[]>(Prisma.sql`SELECT "id", "stockCode", "stockName", "market", "delistedAt" FROM "Board"`);
    const byCode = new Map(existing.map((b) => [b.stockCode, b]));
    const inserts: Prisma.Sql[] = [];
    for (const company of listing.companies) {
      const board = byCode.get(company.stockCode);
      if (!board) {
        inserts.push(Prisma.sql`(${company.stockCode}, ${company.stockName}, ${company.market}, ${now})`);
        report.added.push(company.stockCode);
        continue;
      }
      const renamed = board.stockName !== company.stockName;
      const moved = board.market !== company.market;
      const relisted = dateOrNull(board.delistedAt) !== null;
      if (!renamed && !moved && !relisted) {
        report.unchanged++;
        continue;
      }
      if (renamed) report.renamed.push({ stockCode: company.stockCode, from: board.stockName, to: company.stockName });
      if (moved) report.moved.push({ stockCode: company.stockCode, from: board.market, to: company.market });
      if (relisted) report.relisted.push(company.stockCode);
      await t.run(Prisma.sql`UPDATE "Board" SET "stockName" = ${company.stockName}, "market" = ${company.market}, "delistedAt" = NULL WHERE "id" = ${num(board.id)}`);
      changedIds.push(num(board.id));
    }
    for (let i = 0; i < inserts.length; i += ctx.dialect.batchRows) {
      await t.run(Prisma.sql`INSERT INTO "Board" ("stockCode", "stockName", "market", "createdAt") VALUES ${Prisma.join(inserts.slice(i, i + ctx.dialect.batchRows))}`);
    }
    if (!options.delist) return;
    const listed = new Set(listing.companies.map((c) => c.stockCode));
    for (const market of listing.markets) {
      const live = existing.filter((b) => b.market === market && dateOrNull(b.delistedAt) === null);
      const gone = live.filter((b) => !listed.has(b.stockCode));
      if (gone.length > 0 && gone.length > live.length * MASS_DELISTING_SHARE && !options.allowMassDelisting) {
        throw new ListingError(
          `${market} ${live.length}개 종목 가운데 ${gone.length}개가 파일에 없습니다. 파일이 잘렸을 수 있어 상장폐지 처리를 하지 않았습니다` +
            ` (정말이면 --allow-mass-delisting).`,
        );
      }
      for (const board of gone) {
        await t.run(Prisma.sql`UPDATE "Board" SET "delistedAt" = ${now} WHERE "id" = ${num(board.id)}`);
        report.delisted.push(board.stockCode);
        changedIds.push(num(board.id));
      }
    }
  });
  // This process's pages show the change at once; other processes reload their directory
  // within its refresh interval (src/modules/boards/directory.service.ts).
  forgetBoardDirectory(ctx);
  // The name and the read-only notice are in every board page's header: its list and post
  // pages (the board's tag) and its jury page.
  ctx.changes.announce(...changedIds.flatMap((boardId) => [{ kind: "board" as const, boardId }, { kind: "jury" as const, boardId }]));
  return report;
}
