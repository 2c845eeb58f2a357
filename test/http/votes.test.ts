import { beforeAll, describe, expect, it } from "vitest";
import { createPost } from "../factories.ts";
import { agent, csrfFor, request, setUpTestApp, signUp, type Agent, type TestContext } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setUpTestApp();
});

async function counters(postId: number) {
  const post = await t.db.post.findUniqueOrThrow({ where: { id: postId } });
  const up = await t.db.vote.count({ where: { postId, value: "UP" } });
  const down = await t.db.vote.count({ where: { postId, value: "DOWN" } });
  return { upCount: post.upCount, downCount: post.downCount, rowsUp: up, rowsDown: down };
}

const voteJson = async (a: Agent, path: string, value: string, token: string) =>
  a.post(`${path}/vote`).set("Accept", "application/json").set("X-CSRF-Token", token).send({ value });

describe("votes", () => {
  let voter: Agent;
  let post: Awaited<ReturnType<typeof createPost>>;
  let path: string;
  let token: string;
  beforeAll(async () => {
    voter = agent(t.app);
    await signUp(voter);
    post = await createPost(t, { title: "투표 대상" });
    path = `/boards/005930/posts/${post.number}`;
    token = await csrfFor(voter, path);
  });

  it("walks none → up → down → none → down → up with exact counters", async () => {
    const steps: [string, { upCount: number; downCount: number; myVote: string | null }][] = [
      ["up", { upCount: 1, downCount: 0, myVote: "UP" }],
      ["down", { upCount: 0, downCount: 1, myVote: "DOWN" }],
      ["down", { upCount: 0, downCount: 0, myVote: null }],
      ["down", { upCount: 0, downCount: 1, myVote: "DOWN" }],
      ["up", { upCount: 1, downCount: 0, myVote: "UP" }],
    ];
    for (const [value, expected] of steps) {
      const res = await voteJson(voter, path, value, token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...expected, blinded: false });
      const c = await counters(post.id);
      expect(c.upCount).toBe(c.rowsUp);
      expect(c.downCount).toBe(c.rowsDown);
    }
  });

  it("works without JavaScript: a form post that redirects back to the vote box", async () => {
    const res = await voter.post(`${path}/vote`).type("form").send({ _csrf: token, value: "down" });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${path}#votes`);
    const page = await voter.get(path);
    expect(page.text).toMatch(/value="down" class="votes__item votes__item--down" aria-pressed="true"/);
    expect(page.text).toMatch(/<span data-count="down">1<\/span>반대/);
  });

  it("shows the same numbers on the list page", async () => {
    const list = await request(t.app).get("/boards/005930");
    const row = list.text.split("<tr>").find((r) => r.includes(`/posts/${post.number}"`))!;
    const p = await t.db.post.findUniqueOrThrow({ where: { id: post.id } });
    expect(row).toContain(`data-label="추천" data-count-of="up">${p.upCount}<`);
    expect(row).toContain(`data-label="반대" data-count-of="down">${p.downCount}<`);
  });

  it("refuses anonymous, own-post and deleted-post votes", async () => {
    const anon = await request(t.app).post(`${path}/vote`).set("Accept", "application/json").send({ value: "up" });
    expect(anon.status).toBe(401);

    const author = agent(t.app);
    await signUp(author);
    const authorId = (await t.db.user.findFirstOrThrow({ orderBy: { id: "desc" } })).id;
    const own = await createPost(t, { authorId });
    const ownPath = `/boards/005930/posts/${own.number}`;
    const ownToken = await csrfFor(author, ownPath);
    const refused = await voteJson(author, ownPath, "up", ownToken);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("내가 쓴 글에는 추천/반대할 수 없습니다.");

    const gone = await createPost(t);
    await t.db.post.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    const deleted = await voteJson(voter, `/boards/005930/posts/${gone.number}`, "up", token);
    expect(deleted.status).toBe(403);
    expect(deleted.body.error.message).toBe("삭제된 글에는 추천/반대할 수 없습니다.");
    expect(await t.db.vote.count({ where: { postId: { in: [own.id, gone.id] } } })).toBe(0);
  });

  it("refuses a value other than up or down, and leaves the vote and the counters as they were", async () => {
    const before = { counts: await counters(post.id), votes: await t.db.vote.findMany({ where: { postId: post.id }, orderBy: { id: "asc" } }) };
    for (const value of ["sideways", "", ["up", "down"], { a: 1 }, "UP", "up "]) {
      const res = await voteJson(voter, path, value as string, token);
      expect(res.status, JSON.stringify(value)).toBe(400);
      expect(res.body.error.message).toContain("추천 또는 반대를 골라 주세요.");
    }
    expect({ counts: await counters(post.id), votes: await t.db.vote.findMany({ where: { postId: post.id }, orderBy: { id: "asc" } }) }).toEqual(before);
  });
});

describe("votes under concurrency", () => {
  it("keeps counters equal to rows: 50 identical parallel votes from one user", async () => {
    const a = agent(t.app);
    await signUp(a);
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    const token = await csrfFor(a, path);
    const results = await Promise.all(Array.from({ length: 50 }, () => voteJson(a, path, "up", token)));
    expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const c = await counters(post.id);
    expect(c.upCount).toBe(c.rowsUp);
    expect(c.downCount).toBe(c.rowsDown);
    expect(c.upCount).toBe(0); // an even number of presses of the same button withdraws
  });

  it("keeps counters equal to rows: 20 users × 10 parallel mixed votes", async () => {
    const post = await createPost(t);
    const path = `/boards/005930/posts/${post.number}`;
    const users: { a: Agent; token: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const a = agent(t.app);
      await signUp(a);
      users.push({ a, token: await csrfFor(a, path) });
    }
    const requests = users.flatMap(({ a, token }, i) =>
      Array.from({ length: 10 }, (_, j) => voteJson(a, path, (i + j) % 3 === 0 ? "down" : "up", token)),
    );
    const results = await Promise.all(requests);
    expect(results.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
    const c = await counters(post.id);
    expect(c.upCount).toBe(c.rowsUp);
    expect(c.downCount).toBe(c.rowsDown);
    expect(await t.db.vote.count({ where: { postId: post.id } })).toBeLessThanOrEqual(20);
  });
});
