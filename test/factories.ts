// Rows with unique sequences and overrides. They write through Prisma directly, for
// arranging state; behaviour under test goes through HTTP.
import type { Ctx, Db } from "../src/context.ts";
import { sqlTx } from "../src/db/sql.ts";
import { nicknameSkeleton } from "../src/lib/confusables.ts";
import { indexPost } from "../src/modules/search/search.service.ts";

let sequence = 0;
const next = () => ++sequence;

export async function createUser(db: Db, overrides: Partial<{ loginId: string; nickname: string; passwordHash: string | null; createdAt: Date }> = {}) {
  const n = next();
  const nickname = overrides.nickname ?? `투자자${n}`;
  return db.user.create({
    data: {
      loginId: `user${n}_${process.pid % 1000}`,
      passwordHash: null,
      ...overrides,
      nickname,
      nicknameKey: nicknameSkeleton(nickname),
    },
  });
}

/** Creates a post with the board's next dense number, as the posting service does, at the test clock's time. */
export async function createPost(
  ctx: Pick<Ctx, "db" | "dialect" | "clock">,
  overrides: Partial<{ stockCode: string; authorId: number; title: string; body: string; createdAt: Date; viewCount: number }> = {},
) {
  const { stockCode = "005930", authorId, ...rest } = overrides;
  const author = authorId ?? (await createUser(ctx.db)).id;
  return ctx.db.$transaction(async (tx) => {
    const board = await tx.board.update({
      where: { stockCode },
      data: { lastPostNumber: { increment: 1 } },
    });
    const n = next();
    const post = await tx.post.create({
      data: {
        boardId: board.id,
        number: board.lastPostNumber,
        authorId: author,
        title: `테스트 글 ${n}`,
        body: `본문 ${n}`,
        createdAt: ctx.clock(),
        ...rest,
      },
    });
    await indexPost(sqlTx(tx), ctx, post);
    return post;
  });
}

export async function createPosts(ctx: Pick<Ctx, "db" | "dialect" | "clock">, count: number, overrides: Parameters<typeof createPost>[1] = {}) {
  const posts = [];
  for (let i = 0; i < count; i++) posts.push(await createPost(ctx, overrides));
  return posts;
}

export async function createComment(db: Db, postId: number, authorId: number, body = "댓글입니다") {
  return db.$transaction(async (tx) => {
    const comment = await tx.comment.create({ data: { postId, authorId, body } });
    await tx.post.update({ where: { id: postId }, data: { commentCount: { increment: 1 } } });
    return comment;
  });
}

/** `n` 반대 votes on a post from fresh accounts, with the counter kept equal to the rows. */
export async function addDownVotes(db: Db, postId: number, n: number) {
  for (let i = 0; i < n; i++) {
    const voter = await createUser(db);
    await db.vote.create({ data: { postId, userId: voter.id, value: "DOWN" } });
  }
  await db.post.update({ where: { id: postId }, data: { downCount: { increment: n } } });
}
