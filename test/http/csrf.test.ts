// One CSRF mechanism (src/http/csrf.ts): signed double-submit tokens, a member's bound to the
// session, the sign-in forms' to their own cookie. A token only works with its own cookie and,
// for a member, in its own session; nothing is written when it does not.
import { describe, expect, it } from "vitest";
import { createPost } from "../factories.ts";
import { agent, setUpTestApp, signedUpMember, tokenFrom } from "../helpers.ts";

const cookieNamed = (res: { headers: Record<string, unknown> }, name: string) =>
  ((res.headers["set-cookie"] as string[] | undefined) ?? []).find((c) => c.startsWith(`${name}=`))?.split(";")[0];

describe("CSRF tokens", () => {
  it("bind a member's token to the session: another member's token and cookie write nothing", async () => {
    const t = await setUpTestApp();
    const author = await signedUpMember(t);
    const post = await createPost(t, { authorId: author.id });
    const a = await signedUpMember(t);
    const b = await signedUpMember(t);
    const page = await a.a.get("/").expect(200);
    const aToken = tokenFrom(page.text);
    // B sends A's token; B's own cookie does not match it.
    const refused = await b.a.post(`/boards/005930/posts/${post.number}/vote`).type("form").send({ _csrf: aToken, value: "up" });
    expect(refused.status).toBe(403);
    expect(await t.db.vote.count({ where: { postId: post.id } })).toBe(0);
    // A's own token in A's session works.
    const done = await a.a.post(`/boards/005930/posts/${post.number}/vote`).type("form").send({ _csrf: aToken, value: "up" });
    expect(done.status).toBe(303);
    expect(await t.db.vote.count({ where: { postId: post.id, userId: a.id } })).toBe(1);
  });

  it("refuse the sign-in form's token for a member's write", async () => {
    const t = await setUpTestApp();
    const author = await signedUpMember(t);
    const post = await createPost(t, { authorId: author.id });
    const visitor = agent(t.app);
    const formToken = tokenFrom((await visitor.get("/login").expect(200)).text);
    const m = await signedUpMember(t);
    const res = await m.a.post(`/boards/005930/posts/${post.number}/vote`).type("form").send({ _csrf: formToken, value: "up" });
    expect(res.status).toBe(403);
    expect(await t.db.vote.count({ where: { postId: post.id } })).toBe(0);
  });

  it("send the member's token cookie with the sign-in, and none with the pages after it", async () => {
    const t = await setUpTestApp();
    const a = agent(t.app);
    const form = await a.get("/signup").expect(200);
    expect(cookieNamed(form, "jongto.csrf")).toBeTruthy();
    const signedUp = await a.post("/signup").type("form").send({ loginId: "csrf_user1", nickname: "토큰확인", password: "correct horse battery", agree: "on", passwordConfirm: "correct horse battery", _csrf: tokenFrom(form.text) });
    expect(signedUp.status).toBe(303);
    expect(cookieNamed(signedUp, "jongto.csrf-session")).toBeTruthy();
    for (const path of ["/", "/boards/005930", "/boards/005930/posts/1"]) {
      const page = await a.get(path).expect(200);
      expect(cookieNamed(page, "jongto.csrf-session"), path).toBeUndefined();
      expect(tokenFrom(page.text), path).toBe(cookieNamed(signedUp, "jongto.csrf-session")!.split("=")[1]);
    }
  });
});
