// The board directory: every board (a few thousand at most) kept in memory by each process, so
// finding a board by its code, suggesting boards as a reader types and paging the A–Z / ㄱ–ㅎ
// directory cost no query. `npm run boards:import` runs in another process and cannot tell
// the servers, so each one reloads its copy when it is older than REFRESH_MS. A code missing
// from the copy is looked up at once, so a new board opens without waiting
// (docs/decisions/0019).
import type { Ctx } from "../../context.ts";
import { dateOrNull, num, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { kstDay } from "../../lib/kst-time.ts";
import { collator, directoryGroup, initialsOf, searchKey, type Searchable } from "./board-search.rules.ts";
import { alertsInForce, type AlertKind } from "./alerts.rules.ts";

export const REFRESH_MS = 10_000;

/** Whether a copy made at `loadedAt` (ms) is young enough; a clock set back makes it old too. */
export function isFresh(ctx: Pick<Ctx, "clock">, loadedAt: number): boolean {
  const age = ctx.clock().getTime() - loadedAt;
  return age >= 0 && age < REFRESH_MS;
}

/** What identifies a board and what its pages show of it. */
export interface BoardSummary {
  id: number;
  stockCode: string;
  stockName: string;
  market: string;
  delistedAt: Date | null;
  alerts: AlertKind[]; // 시장경보 and trading status in force today (alerts.rules.ts), as of the copy
}

export interface DirectoryBoard extends BoardSummary, Searchable {
  lastPostNumber: number;
  group: string; // ㄱ … ㅎ, A … Z, 0-9
  initials: string;
}

interface Snapshot {
  byCode: Map<string, DirectoryBoard>;
  byId: Map<number, DirectoryBoard>;
  byName: DirectoryBoard[]; // in 가나다 order
  loadedAt: number;
}

type BoardRowSql = RowOf<"Board", "id" | "stockCode" | "stockName" | "market" | "lastPostNumber" | "delistedAt">;
type AlertRowSql = RowOf<"MarketAlert", "boardId" | "kind" | "startDay" | "endDay">;

class Directory {
  #snapshot: Snapshot | null = null;
  #loading: Promise<Snapshot> | null = null;

  constructor(private readonly ctx: Ctx) {}

  /**
   * A copy at most REFRESH_MS old. An older one is replaced before it is used (the requests
   * that find it so wait together for one load, a few milliseconds): served while reloading,
   * it could be hours old after a quiet night.
   */
  async current(): Promise<Snapshot> {
    const snapshot = this.#snapshot;
    if (snapshot && isFresh(this.ctx, snapshot.loadedAt)) return snapshot;
    return this.reload();
  }

  /** Loads a fresh copy (one load at a time). */
  reload(): Promise<Snapshot> {
    this.#loading ??= load(this.ctx).then(
      (snapshot) => {
        this.#snapshot = snapshot;
        this.#loading = null;
        return snapshot;
      },
      (error: unknown) => {
        this.#loading = null;
        throw error;
      },
    );
    return this.#loading;
  }

  forget(): void {
    this.#snapshot = null;
  }
}

async function load(ctx: Ctx): Promise<Snapshot> {
  const today = kstDay(ctx.clock());
  const [rows, designations] = await Promise.all([
    ctx.sql.read<BoardRowSql[]>(Prisma.sql`SELECT "id", "stockCode", "stockName", "market", "lastPostNumber", "delistedAt" FROM "Board"`),
    // The designations that may hold today: a few hundred at most across the market.
    ctx.sql.read<AlertRowSql[]>(Prisma.sql`SELECT "boardId", "kind", "startDay", "endDay" FROM "MarketAlert"
      WHERE "startDay" <= ${today} AND ("endDay" IS NULL OR "endDay" > ${today})`),
  ]);
  const alertsOf = new Map<number, AlertRowSql[]>();
  for (const d of designations) {
    const id = num(d.boardId);
    alertsOf.set(id, [...(alertsOf.get(id) ?? []), d]);
  }
  const boards = rows.map((r): DirectoryBoard => {
    const keyText = searchKey(r.stockName);
    return {
      id: num(r.id),
      stockCode: r.stockCode,
      stockName: r.stockName,
      market: r.market,
      delistedAt: dateOrNull(r.delistedAt),
      alerts: alertsInForce(alertsOf.get(num(r.id)) ?? [], today),
      lastPostNumber: num(r.lastPostNumber),
      key: [...keyText],
      keyText,
      initials: initialsOf(r.stockName),
      group: directoryGroup(r.stockName),
    };
  });
  const byName = boards.sort((a, b) => collator.compare(a.stockName, b.stockName) || a.stockCode.localeCompare(b.stockCode));
  return { byCode: new Map(boards.map((b) => [b.stockCode, b])), byId: new Map(boards.map((b) => [b.id, b])), byName, loadedAt: ctx.clock().getTime() };
}

// One directory per database (its client names it): tests run several apps in one process.
const directories = new WeakMap<object, Directory>();

function directoryOf(ctx: Ctx): Directory {
  let directory = directories.get(ctx.db);
  if (!directory) directories.set(ctx.db, (directory = new Directory(ctx)));
  return directory;
}

/** Every board, in 가나다 order, by code and by id. */
export async function boardDirectory(ctx: Ctx): Promise<Pick<Snapshot, "byCode" | "byId" | "byName">> {
  return directoryOf(ctx).current();
}

/** The board of a stock code, or undefined; a code the copy lacks is looked up in the database. */
export async function findBoard(ctx: Ctx, stockCode: string): Promise<DirectoryBoard | undefined> {
  const directory = directoryOf(ctx);
  const known = (await directory.current()).byCode.get(stockCode);
  if (known) return known;
  const [exists] = await ctx.sql.read<unknown[]>(Prisma.sql`SELECT 1 FROM "Board" WHERE "stockCode" = ${stockCode}`);
  if (!exists) return undefined;
  return (await directory.reload()).byCode.get(stockCode);
}

/** Drops this process's copy (after an import in this process), so the next reader loads a new one. */
export function forgetBoardDirectory(ctx: Ctx): void {
  directoryOf(ctx).forget();
}
