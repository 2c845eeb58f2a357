// Monthly jury panels: gathering last month's activity, choosing the panel once, reading it.
import type { Ctx } from "../../context.ts";
import { date, dateOrNull, num, type SqlDate, type SqlInt, type RowOf } from "../../db/raw.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { chunks } from "../../lib/chunks.ts";
import { kstMonth, kstMonthRange, previousMonth } from "../../lib/kst-time.ts";
import { score, selectPanel, type Activity, type People } from "./jury.rules.ts";
import { confirmedRingAccounts } from "../integrity/cases.queries.ts";
import { signalsOf } from "../integrity/signals.queries.ts";
import { readerOf } from "../../db/sql.ts";
import { notify } from "../notifications/notify.service.ts";
import { insertPanel, readPanel, type PanelRecord } from "./panels.queries.ts";

export type Panel = PanelRecord;

// Panels never change once chosen, so each app instance remembers which ones exist and a
// board page costs no extra query after the first request of the month.
const knownPanels = new WeakMap<object, Map<string, Panel>>();

function cacheFor(ctx: Ctx) {
  let cache = knownPanels.get(ctx.db);
  if (!cache) knownPanels.set(ctx.db, (cache = new Map()));
  return cache;
}

/** Every user's activity on a board during one KST month. */
export async function monthActivity(ctx: Ctx, boardId: number, month: string): Promise<Activity[]> {
  const { start, end } = kstMonthRange(month);
  // Each query counts one kind of activity per author: { authorId, n }.
  const perAuthor = (sql: Prisma.Sql) => ctx.sql.read<{ authorId: SqlInt; n: SqlInt }[]>(sql);
  const [posts, comments, ups] = await Promise.all([
    perAuthor(Prisma.sql`SELECT p."authorId" AS "authorId", COUNT(*) AS n FROM "Post" p
      WHERE p."boardId" = ${boardId} AND p."createdAt" >= ${start} AND p."createdAt" < ${end} AND p."deletedAt" IS NULL
      GROUP BY p."authorId"`),
    perAuthor(Prisma.sql`SELECT c."authorId" AS "authorId", COUNT(*) AS n FROM "Comment" c JOIN "Post" p ON p."id" = c."postId"
      WHERE p."boardId" = ${boardId} AND c."createdAt" >= ${start} AND c."createdAt" < ${end} AND c."deletedAt" IS NULL
      GROUP BY c."authorId"`),
    perAuthor(Prisma.sql`SELECT p."authorId" AS "authorId", COUNT(*) AS n
      FROM "Vote" v JOIN "Post" p ON p."id" = v."postId"
      WHERE p."boardId" = ${boardId} AND v."value" = 'UP'
        AND v."updatedAt" >= ${start} AND v."updatedAt" < ${end}
      GROUP BY p."authorId"`),
  ]);
  const tally = new Map<number, { posts: number; comments: number; upsReceived: number }>();
  const entry = (id: number) => {
    let e = tally.get(id);
    if (!e) tally.set(id, (e = { posts: 0, comments: 0, upsReceived: 0 }));
    return e;
  };
  for (const p of posts) entry(num(p.authorId)).posts = num(p.n);
  for (const c of comments) entry(num(c.authorId)).comments = num(c.n);
  for (const u of ups) entry(num(u.authorId)).upsReceived = num(u.n);
  const ids = [...tally.keys()];
  if (ids.length === 0) return [];
  // Board-scoped: a post blinded on another board says nothing about this board's jury.
  const blinded = await ctx.sql.read<{ authorId: SqlInt }[]>(Prisma.sql`
    SELECT DISTINCT "authorId" FROM "Post" WHERE "boardId" = ${boardId} AND "blindedAt" >= ${start} AND "blindedAt" < ${end}`);
  const blindedAuthors = new Set(blinded.map((b) => num(b.authorId)));
  // The authors' accounts, a bounded list of ids at a time: a busy board's month has thousands
  // of authors, past the number of parameters one statement may bind (P2029 on SQLite).
  const users: ActivityUserSql[] = [];
  for (const batch of chunks(ids, USERS_PER_LOOKUP)) {
    users.push(
      ...(await ctx.sql.read<ActivityUserSql[]>(Prisma.sql`
        SELECT "id", "nickname", "createdAt", "suspendedUntil", CASE WHEN "passwordHash" IS NULL THEN 0 ELSE 1 END AS "hasPassword"
        FROM "User" WHERE "id" IN (${Prisma.join(batch)})`)),
    );
  }
  const now = ctx.clock();
  return users.map((u) => {
    const id = num(u.id);
    const suspendedUntil = dateOrNull(u.suspendedUntil);
    return {
      userId: id,
      nickname: u.nickname,
      createdAt: date(u.createdAt),
      // A suspended account cannot sign in while the panel is chosen, so it sits this month out.
      canSignIn: num(u.hasPassword) === 1 && !(suspendedUntil && suspendedUntil > now),
      hadPostBlinded: blindedAuthors.has(id),
      ...tally.get(id)!,
    };
  });
}

const USERS_PER_LOOKUP = 500;

type ActivityUserSql = RowOf<"User", "id" | "nickname" | "createdAt" | "suspendedUntil"> & {
  hasPassword: SqlInt;
};

/**
 * The board's panel for `month`, choosing it from the previous month's activity the first
 * time it is asked for. Racing first requests create one panel: the check and the insert
 * share a transaction, and the unique (boardId, month) key settles any race between
 * instances.
 */
export async function ensurePanel(ctx: Ctx, boardId: number, month: string): Promise<Panel> {
  const cache = cacheFor(ctx);
  const key = `${boardId}:${month}`;
  const cached = cache.get(key);
  if (cached) return cached;

  const existing = await readPanel(readerOf(ctx.sql), boardId, month);
  if (existing) return remember(cache, key, existing);

  const activityMonth = previousMonth(month);
  const activity = await monthActivity(ctx, boardId, activityMonth);
  const chosen = selectPanel(activity, kstMonthRange(activityMonth).start, await peopleAmong(ctx, activity, activityMonth, month));
  const now = ctx.clock();
  const panel = await ctx.sql.transaction(async (t) => {
    if (await insertPanel(t, { boardId, month, createdAt: now }, chosen)) {
      // 알림 for this month's jurors (a past month chosen by jury:select tells nobody).
      if (month === kstMonth(now)) for (const j of chosen) await notify(t, now, { userId: j.userId, kind: "juror", boardId });
    }
    return readPanel(t, boardId, month);
  });
  return remember(cache, key, panel!);
}

/** Which candidates were in a ring confirmed in the activity month or since, and everyone's signals. */
async function peopleAmong(ctx: Ctx, activity: Activity[], activityMonth: string, month: string): Promise<People> {
  const reader = readerOf(ctx.sql);
  const inRing = await confirmedRingAccounts(reader, kstMonthRange(activityMonth).start, kstMonthRange(month).end);
  const signals = await signalsOf(reader, activity.filter((a) => score(a) > 0).map((a) => a.userId), ctx.clock());
  return { inRing, signalsOf: signals };
}

function remember(cache: Map<string, Panel>, key: string, panel: Panel): Panel {
  cache.set(key, panel);
  return panel;
}

export function currentMonth(ctx: Ctx): string {
  return kstMonth(ctx.clock());
}

export async function ensureCurrentPanel(ctx: Ctx, boardId: number): Promise<Panel> {
  return ensurePanel(ctx, boardId, currentMonth(ctx));
}

export function isJuror(panel: Panel, userId: number | undefined): boolean {
  return userId !== undefined && panel.members.some((m) => m.userId === userId);
}

/**
 * Chosen panels of a board before `month`, newest first, with their members: one statement
 * (the jury page is public; Prisma's nested include took 70–100 ms of the page on the bench data).
 */
export async function pastPanels(ctx: Ctx, boardId: number, month: string, take = 6): Promise<Panel[]> {
  const rows = await ctx.sql.read<PastPanelRowSql[]>(Prisma.sql`
    SELECT j."id", j."month", j."createdAt", m."userId", m."rank", m."score", m."posts", m."comments", m."upsReceived", m."leftAt", u."nickname"
    FROM (SELECT "id", "month", "createdAt" FROM "JuryPanel" WHERE "boardId" = ${boardId} AND "month" < ${month} ORDER BY "month" DESC LIMIT ${take}) j
    LEFT JOIN "JuryMember" m ON m."panelId" = j."id"
    LEFT JOIN "User" u ON u."id" = m."userId"
    ORDER BY j."month" DESC, m."rank"`);
  const panels = new Map<number, Panel>();
  for (const r of rows) {
    const id = num(r.id);
    let panel = panels.get(id);
    if (!panel) panels.set(id, (panel = { id, boardId, month: r.month, createdAt: date(r.createdAt), members: [] }));
    if (r.userId === null) continue; // a panel with no eligible member
    panel.members.push({
      userId: num(r.userId),
      nickname: r.nickname ?? "",
      left: r.leftAt !== null,
      rank: num(r.rank!),
      score: num(r.score!),
      posts: num(r.posts!),
      comments: num(r.comments!),
      upsReceived: num(r.upsReceived!),
    });
  }
  return [...panels.values()];
}

type PastPanelRowSql = RowOf<"JuryPanel", "id" | "month" | "createdAt"> & {
  userId: SqlInt | null;
  rank: SqlInt | null;
  score: SqlInt | null;
  posts: SqlInt | null;
  comments: SqlInt | null;
  upsReceived: SqlInt | null;
  leftAt: SqlDate | null;
  nickname: string | null;
};
