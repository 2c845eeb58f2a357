import { describe, expect, it } from "vitest";
import { housekeeping } from "../../src/db/housekeeping.ts";
import { createPost } from "../factories.ts";
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
    const first = await housekeeping(t);
    expect(first).toEqual({ sessions: 1, views: 2, fingerprints: 0, notifications: 0 });
    expect((await t.db.session.findMany({ where: { sid: { in: ["expired", "live"] } } })).map((s) => s.sid)).toEqual(["live"]);
    expect((await t.db.postView.findMany({ orderBy: { day: "asc" } })).map((v) => v.day)).toEqual(["2026-11-27", "2026-11-28"]);
    expect(await housekeeping(t)).toEqual({ sessions: 0, views: 0, fingerprints: 0, notifications: 0 });
    expect((await t.db.post.findUniqueOrThrow({ where: { id: post.id } })).viewCount).toBe(post.viewCount);
  });
});
