import { describe, expect, it } from "vitest";
import { housekeeping } from "../../src/housekeeping.ts";
import { recordSignals } from "../../src/modules/integrity/signals.queries.ts";
import { createPost, createUser } from "../factories.ts";
import { setUpTestApp } from "../helpers.ts";

describe("housekeeping", () => {
  it("deletes expired sessions and view records older than yesterday, and nothing else", async () => {
    const t = await setUpTestApp();
    t.time.set("2026-11-28T03:00:00Z"); // 2026-11-28 12:00 KST
    const post = await createPost(t);
    const hour = 3_600_000;
    await t.db.session.createMany({
      data: [
        { sid: "expired", data: "{}", expiresAt: new Date(Date.now() - hour) },
        { sid: "live", data: "{}", expiresAt: new Date(Date.now() + hour) },
      ],
    });
    await t.db.postView.createMany({
      data: ["2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28"].map((day) => ({ postId: post.id, viewerKey: "a:x", day })),
    });
    // Mailed links: one a day past its expiry goes, a just-expired one stays a while; a
    // nickname hold past its 30 days goes, a running one stays.
    const user = await createUser(t.db);
    const now = t.clock().getTime();
    await t.db.accountToken.createMany({
      data: [
        { userId: user.id, purpose: "reset-password", tokenHash: "old", email: "a@example.com", expiresAt: new Date(now - 25 * hour), createdAt: new Date(now - 26 * hour) },
        { userId: user.id, purpose: "reset-password", tokenHash: "recent", email: "a@example.com", expiresAt: new Date(now - hour), createdAt: new Date(now - 2 * hour) },
      ],
    });
    await t.db.nicknameHold.createMany({
      data: [
        { nickname: "지난이름", nicknameKey: "지난이름", userId: user.id, until: new Date(now - hour) },
        { nickname: "지금이름", nicknameKey: "지금이름", userId: user.id, until: new Date(now + hour) },
      ],
    });
    const first = await housekeeping(t);
    expect(first).toEqual({ sessions: 1, views: 2, fingerprints: 0, notifications: 0, signals: 0, accountLinks: 1, nicknameHolds: 1, integrityCases: 0, integrityScanMs: expect.any(Number) });
    expect((await t.db.accountToken.findMany()).map((x) => x.tokenHash)).toEqual(["recent"]);
    expect((await t.db.nicknameHold.findMany()).map((x) => x.nickname)).toEqual(["지금이름"]);
    expect((await t.db.session.findMany({ where: { sid: { in: ["expired", "live"] } } })).map((s) => s.sid)).toEqual(["live"]);
    expect((await t.db.postView.findMany({ orderBy: { day: "asc" } })).map((v) => v.day)).toEqual(["2026-11-27", "2026-11-28"]);
    expect(await housekeeping(t)).toEqual({ sessions: 0, views: 0, fingerprints: 0, notifications: 0, signals: 0, accountLinks: 0, nicknameHolds: 0, integrityCases: 0, integrityScanMs: expect.any(Number) });
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount).toBe(post.viewCount);
  });
});

describe("housekeeping of notifications and fingerprints", () => {
  it("removes notifications 90 days after their last change and day-old flood fingerprints", async () => {
    const t = await setUpTestApp();
    t.time.set("2026-11-28T03:00:00Z");
    const post = await createPost(t);
    const day = 24 * 3_600_000;
    const at = (days: number) => new Date(t.clock().getTime() - days * day);
    await t.db.notification.createMany({
      data: [
        { userId: post.authorId, kind: "comment", postId: post.id, createdAt: at(100), updatedAt: at(91) },
        { userId: post.authorId, kind: "comment", postId: post.id, createdAt: at(100), updatedAt: at(89) },
      ],
    });
    await t.db.postFingerprint.createMany({
      data: [
        { postId: post.id, authorId: post.authorId, boardId: post.boardId, minhash: "0".repeat(512), createdAt: at(2) },
        { postId: post.id + 1000, authorId: post.authorId, boardId: post.boardId, minhash: "0".repeat(512), createdAt: at(0.5) },
      ],
    });
    expect(await housekeeping(t)).toMatchObject({ notifications: 1, fingerprints: 1 });
    expect((await t.db.notification.findMany()).map((n) => n.updatedAt)).toEqual([at(89)]);
    expect(await t.db.postFingerprint.count()).toBe(1);
  });
});

describe("housekeeping of client signals", () => {
  it("deletes a signal 30 days after it was last seen, and a sighting within the hour writes nothing", async () => {
    const t = await setUpTestApp();
    t.time.set("2026-11-28T03:00:00Z");
    const post = await createPost(t);
    const day = 24 * 3_600_000;
    const at = (days: number) => new Date(t.clock().getTime() - days * day);
    await t.db.clientSignal.createMany({
      data: [
        { userId: post.authorId, kind: "network", key: "old-network", firstSeenAt: at(40), lastSeenAt: at(30.01) },
        { userId: post.authorId, kind: "browser", key: "recent-browser", firstSeenAt: at(40), lastSeenAt: at(29) },
      ],
    });
    expect(await housekeeping(t)).toMatchObject({ signals: 1 });
    expect((await t.db.clientSignal.findMany()).map((s) => s.key)).toEqual(["recent-browser"]);

    await t.sql.transaction((tx) => recordSignals(tx, post.authorId, { network: null, browser: "recent-browser" }, t.clock()));
    const refreshed = await t.db.clientSignal.findFirstOrThrow({ where: { key: "recent-browser" } });
    expect(refreshed.lastSeenAt).toEqual(t.clock());
    expect(refreshed.firstSeenAt).toEqual(at(40));
    t.time.advance(10 * 60_000);
    await t.sql.transaction((tx) => recordSignals(tx, post.authorId, { network: null, browser: "recent-browser" }, t.clock()));
    expect((await t.db.clientSignal.findFirstOrThrow({ where: { key: "recent-browser" } })).lastSeenAt).toEqual(refreshed.lastSeenAt);
  });
});
