// The operator's side of one person, one voice (docs/product.md §9), as an operator meets it:
// a crew of five accounts on one network has shielded a 리딩방 post with 추천 against four
// jurors; the hourly scan has opened a case; the operator finds it from the menu, reads the
// evidence (labels, never addresses), confirms it, and readers see the post blinded and the
// public log's entry.
import { describe, expect, it } from "vitest";
import { scanIntegrity } from "../../src/modules/integrity/scan.service.ts";
import { createPost, createUser } from "../factories.ts";
import { screenshot, signInInBrowser, signUpInBrowser, useHarness } from "./harness.ts";

const h = useHarness();

describe("integrity cases", () => {
  it("an operator confirms a ring from its evidence; the shielded post is blinded for every reader", async () => {
    const { t } = h;
    const now = t.clock();
    const old = new Date(now.getTime() - 60 * 86_400_000);
    const fourDays = new Date(now.getTime() - 4 * 86_400_000);
    // The arrangement, as the crew's own requests would have left it (test/http/integrity.test.ts
    // makes the same state through HTTP): votes, counters, four opinions, shared signals.
    const leader = await createUser(t.db, { nickname: "급등주선생", createdAt: old });
    const posts = [];
    for (const title of ["급등주 정리 1", "급등주 정리 2", "[무료 리딩방] 내일 상한가 카톡 주세요"]) posts.push(await createPost(t, { authorId: leader.id, title }));
    const target = posts[2]!;
    const crew = [];
    for (let i = 0; i < 5; i++) crew.push(await createUser(t.db, { nickname: `작전${i + 1}호`, createdAt: fourDays }));
    let at = now.getTime() - 30 * 60_000;
    for (const p of posts) {
      for (const c of crew) {
        at += 20_000;
        await t.db.vote.create({ data: { postId: p.id, userId: c.id, value: "UP", createdAt: new Date(at), updatedAt: new Date(at) } });
      }
      await t.db.post.update({ where: { id: p.id }, data: { upCount: 5 } });
    }
    for (const c of crew) {
      await t.db.clientSignal.create({ data: { userId: c.id, kind: "network", key: "crew-network-hash-0001", firstSeenAt: new Date(at), lastSeenAt: new Date(at) } });
    }
    const panel = await t.db.juryPanel.create({ data: { boardId: target.boardId, month: new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Seoul", year: "numeric", month: "2-digit" }).format(now) } });
    for (let i = 0; i < 4; i++) {
      const juror = await createUser(t.db, { createdAt: old });
      const down = await createUser(t.db, { createdAt: old });
      await t.db.juryMember.create({ data: { panelId: panel.id, userId: juror.id, rank: i + 1, score: 10 - i, posts: 1, comments: 0, upsReceived: 0 } });
      await t.db.juryOpinion.create({ data: { postId: target.id, jurorId: juror.id, panelId: panel.id } });
      if (i < 3) await t.db.vote.create({ data: { postId: target.id, userId: down.id, value: "DOWN" } });
    }
    await t.db.post.update({ where: { id: target.id }, data: { downCount: 3, opinionCount: 4, opinionPanelId: panel.id } });
    expect((await scanIntegrity(t)).opened).toBe(1);
    const postUrl = `/boards/005930/posts/${target.number}`;

    // A reader sees the post, shielded (and the page cache keeps that copy).
    const reader = await h.page();
    await reader.goto(postUrl);
    expect(await reader.getByRole("heading", { level: 1 }).textContent()).toContain("[무료 리딩방]");

    // The operator finds the case from the menu.
    const op = await h.page();
    const operator = await signUpInBrowser(op, "무결성운영자");
    await t.db.user.update({ where: { loginId: operator.loginId }, data: { role: "operator", createdAt: old } });
    await op.locator(".user-menu summary").click();
    await op.getByRole("button", { name: "로그아웃" }).click();
    await signInInBrowser(op, operator.loginId, operator.password);
    await op.locator(".user-menu summary").click();
    await op.getByRole("link", { name: "투표 조작 의심" }).click();
    await op.waitForURL(/\/admin\/integrity$/);
    const item = op.locator(".report-queue__item").first();
    expect(await item.textContent()).toContain("계정 5개 · 글 3개 · 투표 15개");
    await item.getByRole("link", { name: /사례 \d+번/ }).click();
    await op.waitForURL(/\/admin\/integrity\/\d+$/);
    const evidence = await op.content();
    expect(evidence).toContain("네트워크 1");
    expect(evidence).not.toContain("crew-network-hash-0001");
    for (const c of crew) expect(evidence).toContain(c.nickname);
    await screenshot(op, "admin-integrity-case-desktop");

    // Confirming voids the votes, blinds the shielded post, and suspends the accounts.
    await op.getByLabel("계정 이용 제한").selectOption("30");
    await op.getByRole("button", { name: "조작으로 확인하고 투표 무효 처리" }).click();
    await op.waitForURL(/\/admin\/integrity$/);
    expect(await op.getByText("추천/반대 15개(글 3개)를 무효 처리했습니다. 글 1개가 블라인드 처리되었습니다. 5개 계정의 이용을 제한했습니다.").isVisible()).toBe(true);
    expect(await op.getByText("처리할 사례가 없습니다.").isVisible()).toBe(true);

    // The next reader sees the blinding, and the public log its entry with counts only.
    await reader.goto(postUrl);
    expect(await reader.getByRole("heading", { level: 1 }).textContent()).toBe("블라인드 처리된 글");
    expect(await reader.content()).not.toContain("카톡 주세요");
    await reader.goto("/moderation");
    const row = reader.locator("tr", { hasText: "투표 무효 처리" });
    expect(await row.textContent()).toContain("추천/반대 15개 (글 3개");
    for (const c of crew) expect(await row.textContent()).not.toContain(c.nickname);
    expect(await reader.content()).not.toContain("crew-network-hash-0001");
    await screenshot(reader, "moderation-log-voided-desktop");
  });
});
