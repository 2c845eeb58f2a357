// Kill the server with SIGKILL in the middle of hundreds of concurrent writes, restart it,
// and check that nothing acknowledged is lost and every counter still equals its rows.
import Database from "better-sqlite3";
import { onPostgres } from "../helpers.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCtx } from "../../src/context.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { kstMonth, kstMonthRange, previousMonth } from "../../src/lib/kst-time.ts";
import { Client, freshDatabaseFile, removeDatabaseFile, startServer, type ServerProcess } from "../process.ts";

const ROUNDS = 10;
const USERS = 16;

let file: string;
let server: ServerProcess | null = null;
const clients: { c: Client; id: number; token: string }[] = [];

interface Acked {
  posts: string[]; // titles
  comments: string[]; // bodies
  votes: { userId: number; postId: number; value: string }[];
  opinions: { userId: number; postId: number }[];
}
const acked: Acked = { posts: [], comments: [], votes: [], opinions: [] };

beforeAll(async () => {
  if (onPostgres) return; // a SQLite file and its WAL are what this test is about
  file = await freshDatabaseFile("crash");
  server = await startServer({ DATABASE_URL: `file:${file}` });
  for (let i = 0; i < USERS; i++) {
    const c = new Client(server.url);
    await c.signUp(`crash_${i}`, `충돌${i}`);
    clients.push({ c, id: 0, token: "" });
  }
  await server.kill();
  // Last month's activity makes the first ten of them this month's jurors of 005930.
  const { db } = await openCtx({ DATABASE_URL: `file:${file}` }, systemClock);
  const lastMonth = kstMonthRange(previousMonth(kstMonth(new Date())));
  const board = await db.board.findUniqueOrThrow({ where: { stockCode: "005930" } });
  let number = board.lastPostNumber;
  for (const [i, client] of clients.entries()) {
    const user = await db.user.update({
      where: { loginId: `crash_${i}` },
      data: { createdAt: new Date(lastMonth.start.getTime() - 86_400_000) },
    });
    client.id = user.id;
    if (i < 10) {
      await db.post.create({
        data: { boardId: board.id, number: ++number, authorId: user.id, title: `지난달 ${i}`, body: "활동", createdAt: new Date(lastMonth.start.getTime() + 3_600_000) },
      });
    }
  }
  // Targets for votes and opinions, written by someone who is not among the clients.
  const writer = await db.user.create({ data: { loginId: "crash_writer", nickname: "대상작성자" } });
  for (let k = 0; k < ROUNDS * 4; k++) {
    await db.post.create({ data: { boardId: board.id, number: ++number, authorId: writer.id, title: `대상 ${k}`, body: "본문" } });
  }
  await db.board.update({ where: { id: board.id }, data: { lastPostNumber: number } });
  await db.$disconnect();
}, 120_000);

afterAll(async () => {
  await server?.kill();
  if (file) removeDatabaseFile(file);
});

async function targets() {
  const db = new Database(file, { readonly: true });
  const rows = db.prepare(`SELECT id, number FROM Post WHERE title LIKE '대상 %' ORDER BY number`).all() as { id: number; number: number }[];
  db.close();
  return rows;
}

function invariants(dbFile: string) {
  const db = new Database(dbFile, { readonly: true });
  try {
    const bad = (sql: string) => (db.prepare(sql).all() as unknown[]).length;
    return {
      integrity: db.pragma("integrity_check", { simple: true }),
      upMismatch: bad(`SELECT p.id FROM Post p WHERE p.upCount != (SELECT COUNT(*) FROM Vote v WHERE v.postId = p.id AND v.value = 'UP')`),
      downMismatch: bad(`SELECT p.id FROM Post p WHERE p.downCount != (SELECT COUNT(*) FROM Vote v WHERE v.postId = p.id AND v.value = 'DOWN')`),
      commentMismatch: bad(`SELECT p.id FROM Post p WHERE p.commentCount != (SELECT COUNT(*) FROM Comment c WHERE c.postId = p.id AND c.deletedAt IS NULL)`),
      opinionMismatch: bad(`SELECT p.id FROM Post p WHERE p.opinionCount != (SELECT COUNT(*) FROM JuryOpinion o WHERE o.postId = p.id)`),
      numberMismatch: bad(`SELECT b.id FROM Board b WHERE b.lastPostNumber != (SELECT COUNT(*) FROM Post p WHERE p.boardId = b.id) OR b.lastPostNumber != COALESCE((SELECT MAX(number) FROM Post p WHERE p.boardId = b.id), 0)`),
      blindWithoutLog: bad(`SELECT p.id FROM Post p WHERE p.blindedAt IS NOT NULL AND (SELECT COUNT(*) FROM BlindLog l WHERE l.postId = p.id) != 1`),
    };
  } finally {
    db.close();
  }
}

describe.skipIf(onPostgres)("SIGKILL under concurrent writes", () => {
  it(`loses no acknowledged write in ${ROUNDS} rounds`, async () => {
    const all = await targets();
    let cut = 0; // requests the kill cut off before they were answered
    for (let round = 0; round < ROUNDS; round++) {
      server = await startServer({ DATABASE_URL: `file:${file}` });
      for (const client of clients) {
        client.c.base = server.url;
        client.token = await client.c.token("/boards/005930/posts/1");
      }
      const mine = all.slice(round * 4, round * 4 + 4);
      // The kill lands after a number of answers that differs per round (a deterministic
      // signal, not a sleep), while most requests are still in flight.
      const killAfter = 10 + round * 7;
      let answered = 0;
      let reached!: () => void;
      const killPoint = new Promise<void>((resolve) => (reached = resolve));
      const work: Promise<void>[] = [];
      const track = (request: Promise<void>) => work.push(request.finally(() => ++answered === killAfter && reached()));
      for (const [i, { c, id, token }] of clients.entries()) {
        const title = `r${round}-u${i}-글`;
        track(c.post("/boards/005930/posts", { title, body: "크래시 테스트 본문" }, token).then((r) => {
          if (r.status === 303) acked.posts.push(title);
        }));
        for (const t of mine) {
          const body = `r${round}-u${i}-p${t.number}-댓글`;
          track(c.post(`/boards/005930/posts/${t.number}/comments`, { body }, token).then((r) => {
            if (r.status === 303) acked.comments.push(body);
          }));
          const value = (i + t.number) % 3 === 0 ? "down" : "up";
          track(c.post(`/boards/005930/posts/${t.number}/vote`, { value }, token, true).then((r) => {
            if (r.status === 200) acked.votes.push({ userId: id, postId: t.id, value: value.toUpperCase() });
          }));
          if (i < 10) {
            track(c.post(`/boards/005930/posts/${t.number}/opinion`, {}, token, true).then((r) => {
              if (r.status === 200) acked.opinions.push({ userId: id, postId: t.id });
            }));
          }
        }
      }
      const settled = Promise.allSettled(work).then((results) => {
        cut += results.filter((r) => r.status === "rejected").length;
      });
      await Promise.race([killPoint, settled]);
      await server.kill("SIGKILL");
      await settled;

      const check = invariants(file);
      expect(check, `round ${round}`).toEqual({
        integrity: "ok", upMismatch: 0, downMismatch: 0, commentMismatch: 0, opinionMismatch: 0, numberMismatch: 0, blindWithoutLog: 0,
      });
      const db = new Database(file, { readonly: true });
      const has = (sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) !== undefined;
      for (const title of acked.posts) expect(has(`SELECT 1 FROM Post WHERE title = ?`, title), title).toBe(true);
      for (const body of acked.comments) expect(has(`SELECT 1 FROM Comment WHERE body = ?`, body), body).toBe(true);
      for (const v of acked.votes) expect(has(`SELECT 1 FROM Vote WHERE userId = ? AND postId = ? AND value = ?`, v.userId, v.postId, v.value)).toBe(true);
      for (const o of acked.opinions) expect(has(`SELECT 1 FROM JuryOpinion WHERE jurorId = ? AND postId = ?`, o.userId, o.postId)).toBe(true);
      db.close();
    }
    // The restarted board answers without manual repair.
    server = await startServer({ DATABASE_URL: `file:${file}` });
    const res = await new Client(server.url).get("/boards/005930");
    expect(res.status).toBe(200);
    console.log(`acknowledged: ${acked.posts.length} posts, ${acked.comments.length} comments, ${acked.votes.length} votes, ${acked.opinions.length} opinions; cut off: ${cut}`);
    expect(acked.posts.length + acked.comments.length + acked.votes.length).toBeGreaterThan(0);
    expect(cut, "the kill must land while writes are in flight").toBeGreaterThan(0);
  }, 240_000);
});
