// docs/decisions/0002: one SQLite connection, every statement behind one lock. A statement
// issued while another request's transaction is open must not run inside that transaction: a
// read would see writes that are later rolled back, a write would vanish with the rollback.
// (Prisma 6.19 runs a lone write in a transaction of its own, which waits for the adapter's
// mutex; reads it runs as they come, so the read test is the one the wrapper is needed for.)
import { describe, expect, it } from "vitest";
import type { SqliteConnection } from "../../src/db/sqlite-adapter.ts";
import { agent, csrfFor, onPostgres, request, setUpTestApp, signUp } from "../helpers.ts";

describe.skipIf(onPostgres)("the serialized SQLite adapter", () => {
  it("keeps a plain write made during another transaction that rolls back", async () => {
    const t = await setUpTestApp();
    let opened!: () => void;
    let finish!: () => void;
    const insideTransaction = new Promise<void>((resolve) => (opened = resolve));
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const rolledBack = t.db
      .$transaction(async (tx) => {
        await tx.board.update({ where: { stockCode: "005930" }, data: { stockName: "롤백될 이름" } });
        opened();
        await gate;
        throw new Error("roll back");
      })
      .catch((error: Error) => error.message);
    await insideTransaction;
    const write = t.db.$executeRaw`INSERT INTO "User" ("loginId", "nickname", "createdAt") VALUES (${"plain_write"}, ${"바깥쓰기"}, ${new Date()})`;
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve)); // let it run if it can
    finish();
    expect(await rolledBack).toBe("roll back");
    await write;
    expect(await t.db.user.count({ where: { loginId: "plain_write" } })).toBe(1);
    expect((await t.db.board.findUniqueOrThrow({ where: { stockCode: "005930" } })).stockName).toBe("삼성전자");
  });

  it("never shows a read what another request's open transaction wrote", async () => {
    const t = await setUpTestApp();
    let opened!: () => void;
    let finish!: () => void;
    const insideTransaction = new Promise<void>((resolve) => (opened = resolve));
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const rolledBack = t.db
      .$transaction(async (tx) => {
        await tx.board.update({ where: { stockCode: "005930" }, data: { stockName: "커밋 안 된 이름" } });
        opened();
        await gate;
        throw new Error("roll back");
      })
      .catch(() => undefined);
    await insideTransaction;
    // On the one shared connection this read would run inside the open transaction and see its
    // uncommitted name; behind the lock it waits for the rollback.
    let answered = false;
    const read = t.db.$queryRaw<{ stockName: string }[]>`SELECT "stockName" FROM "Board" WHERE "stockCode" = '005930'`.finally(() => (answered = true));
    // Give the read every chance to run while the transaction is open (event-loop turns,
    // not a timer): behind the lock it stays unanswered.
    for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    finish();
    await rolledBack;
    expect((await read)[0]!.stockName).toBe("삼성전자");
  });

  it("runs the transactions and statements of many requests one at a time, in order", async () => {
    const t = await setUpTestApp();
    const post = await t.db.post.findFirstOrThrow({ where: { number: 1 } });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        i % 2
          ? t.db.$transaction(async (tx) => {
              const { viewCount } = await tx.post.findUniqueOrThrow({ where: { id: post.id }, select: { viewCount: true } });
              await tx.post.update({ where: { id: post.id }, data: { viewCount: viewCount + 1 } });
            })
          : t.db.post.update({ where: { id: post.id }, data: { viewCount: { increment: 1 } } }),
      ),
    );
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount).toBe(post.viewCount + 50);
  });
});

describe.skipIf(onPostgres)("the statement cache", () => {
  it("prepares each statement once, whoever runs it, and keeps its results right under concurrent requests", async () => {
    const t = await setUpTestApp();
    const connection = t.sql as SqliteConnection;
    const a = agent(t.app);
    await signUp(a);
    const token = await csrfFor(a, "/boards/005930/posts/1");
    const warm = async () => {
      await request(t.app).get("/boards/005930");
      await request(t.app).get("/boards/005930/posts/1");
      await a.post("/boards/005930/posts/1/vote").set("Accept", "application/json").set("X-CSRF-Token", token).send({ value: "up" });
      await t.app.locals.viewCounter.flush();
    };
    await warm();
    await warm();
    const prepared = connection.statements!.prepared;
    // Reads, votes and view flushes interleaved: all from cached statements, counters exact.
    await Promise.all(Array.from({ length: 30 }, () => warm()));
    expect(connection.statements!.prepared).toBe(prepared);
    const post = await t.db.post.findFirstOrThrow({ where: { number: 1, board: { stockCode: "005930" } } });
    expect(post.upCount).toBe(await t.db.vote.count({ where: { postId: post.id, value: "UP" } }));
  });
});
