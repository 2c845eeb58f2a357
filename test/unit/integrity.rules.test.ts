import { describe, expect, it } from "vitest";
import { chunks } from "../../src/lib/chunks.ts";
import { networkPrefix } from "../../src/lib/client-signals.ts";
import { ageWords, dailyCapFor, FIRST_DAY_POSTS_PER_DAY, newAccountWait } from "../../src/modules/accounts/new-account.rules.ts";
import { bringsNewEvidence, findBursts, findRings, isYoungAt, MAX_ACCOUNTS_PER_SIGNAL, sharesSignal, type ScanVote } from "../../src/modules/integrity/integrity.rules.ts";
import { selectPanel, type Activity } from "../../src/modules/jury/jury.rules.ts";
import { perAuthorCapMessage, perMinuteCapMessage } from "../../src/modules/votes/votes.rules.ts";

const T0 = Date.parse("2026-11-16T03:00:00Z");
const MIN = 60_000;
const v = (userId: number, postId: number, at: number, value: "UP" | "DOWN" = "UP"): ScanVote => ({ userId, postId, value, at });
const byUser = (votes: ScanVote[]) => {
  const m = new Map<number, Map<number, ScanVote>>();
  for (const x of votes) (m.get(x.userId) ?? m.set(x.userId, new Map()).get(x.userId)!).set(x.postId, x);
  return m;
};
const RULE = { commonPosts: 3, windowMinutes: 10 };

describe("ring detection", () => {
  it("joins accounts that share a signal and voted alike on three posts within minutes into one group", () => {
    const votes = [1, 2, 3].flatMap((u) => [10, 11, 12].map((p) => v(u, p, T0 + p * MIN + u * 1000)));
    const rings = findRings([{ signal: "network:abc", userIds: [1, 2, 3] }], byUser(votes), RULE);
    expect(rings).toHaveLength(1);
    expect(rings[0]!.family).toBe("ring:1,2,3|");
    expect(rings[0]!.evidence.posts).toEqual([10, 11, 12]);
    expect(rings[0]!.evidence.signals).toEqual([{ label: "네트워크 1", accounts: [1, 2, 3] }]);
    expect(rings[0]!.evidence.votes).toHaveLength(9);
  });

  it("needs the signal, the same direction, the window and N posts", () => {
    const alike = [1, 2].flatMap((u) => [10, 11, 12].map((p) => v(u, p, T0 + p * MIN)));
    expect(findRings([], byUser(alike), RULE)).toEqual([]); // no shared signal
    const opposite = [...[10, 11, 12].map((p) => v(1, p, T0)), ...[10, 11, 12].map((p) => v(2, p, T0, "DOWN"))];
    expect(findRings([{ signal: "browser:x", userIds: [1, 2] }], byUser(opposite), RULE)).toEqual([]);
    const apart = [...[10, 11, 12].map((p) => v(1, p, T0)), ...[10, 11, 12].map((p) => v(2, p, T0 + 11 * MIN))];
    expect(findRings([{ signal: "browser:x", userIds: [1, 2] }], byUser(apart), RULE)).toEqual([]);
    const twoPosts = [1, 2].flatMap((u) => [10, 11].map((p) => v(u, p, T0)));
    expect(findRings([{ signal: "browser:x", userIds: [1, 2] }], byUser(twoPosts), RULE)).toEqual([]);
  });

  it("keys a group by its accounts and votes: the same votes the same key, a changed vote a new one", () => {
    const votes = [1, 2].flatMap((u) => [10, 11, 12].map((p) => v(u, p, T0 + p * MIN)));
    const shared = [{ signal: "network:n", userIds: [1, 2] }];
    const [a] = findRings(shared, byUser(votes), RULE);
    const [b] = findRings(shared, byUser(votes), RULE);
    const [c] = findRings(shared, byUser([...votes.slice(0, 5), v(2, 12, T0 + 12 * MIN + 1000)]), RULE);
    expect(a!.key).toBe(b!.key);
    expect(c!.key).not.toBe(a!.key);
    expect(c!.family).toBe(a!.family);
    expect(a!.key.startsWith(a!.family)).toBe(true);
  });

  it("lets a dismissed group back only with enough votes cast after the dismissal", () => {
    const times = { 10: T0, 11: T0 + 10 * MIN, 12: T0 + 20 * MIN, 13: T0 + 30 * MIN } as Record<number, number>;
    const [found] = findRings([{ signal: "network:n", userIds: [1, 2] }], byUser([1, 2].flatMap((u) => [10, 11, 12, 13].map((p) => v(u, p, times[p]!)))), RULE);
    const rule = { commonPosts: 3, burstVotes: 5 };
    expect(bringsNewEvidence(found!, null, rule)).toBe(true);
    expect(bringsNewEvidence(found!, new Date(T0 + MIN), rule)).toBe(true); // posts 11, 12, 13 came after
    expect(bringsNewEvidence(found!, new Date(T0 + 11 * MIN), rule)).toBe(false); // only 12 and 13
    const [burst] = findBursts([1, 2, 3, 4, 5].map((u) => v(u, 7, T0 + u)), { burstVotes: 5, burstSeconds: 60 });
    expect(bringsNewEvidence(burst!, new Date(T0 + 3), rule)).toBe(false);
    expect(bringsNewEvidence(burst!, new Date(T0 - 1), rule)).toBe(true);
  });

  it("leaves out a signal shared by a public network's crowd", () => {
    const many = Array.from({ length: MAX_ACCOUNTS_PER_SIGNAL + 1 }, (_, i) => i + 1);
    const votes = many.flatMap((u) => [10, 11, 12].map((p) => v(u, p, T0)));
    expect(findRings([{ signal: "network:carrier", userIds: many }], byUser(votes), RULE)).toEqual([]);
  });
});

describe("burst detection", () => {
  const RULE_B = { burstVotes: 5, burstSeconds: 60 };
  it("finds five votes on one post within a minute as one burst, and not five spread out", () => {
    const burst = [1, 2, 3, 4, 5, 6].map((u) => v(u, 7, T0 + u * 10_000));
    const found = findBursts(burst, RULE_B);
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence.accounts).toEqual([1, 2, 3, 4, 5, 6]);
    expect(found[0]!.subject).toBe("7:UP");
    expect(findBursts([1, 2, 3, 4, 5].map((u) => v(u, 7, T0 + u * 20_000)), RULE_B)).toEqual([]);
    // Directions are counted apart.
    expect(findBursts([1, 2, 3, 4, 5].map((u) => v(u, 7, T0 + u, u % 2 ? "UP" : "DOWN")), RULE_B)).toEqual([]);
  });

  it("counts an account as young for 30 days after it joined", () => {
    expect(isYoungAt(T0, T0 + 29 * 86_400_000)).toBe(true);
    expect(isYoungAt(T0, T0 + 30 * 86_400_000)).toBe(false);
  });
});

describe("chunks", () => {
  it("slices a list for statements that bind a bounded number of ids", () => {
    expect([...chunks([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...chunks([], 500)]).toEqual([]);
  });
});

describe("signals", () => {
  it("cuts IPv4 to its /24 and IPv6 to its /48, and keeps no local network", () => {
    expect(networkPrefix("203.0.113.77")).toBe("v4:203.0.113");
    expect(networkPrefix("::ffff:203.0.113.9")).toBe("v4:203.0.113");
    expect(networkPrefix("2001:db8:1:2::5")).toBe("v6:2001:db8:1");
    expect(networkPrefix("2001:0db8:0001:ffff:0:0:0:1")).toBe("v6:2001:db8:1");
    for (const local of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.0.9", "::1", "fd00::1", "fe80::1%eth0", "100.64.3.2"]) expect(networkPrefix(local)).toBeNull();
    for (const junk of ["", "1.2.3", "256.1.1.1", "1::2::3", "gg::1", "1:2:3:4:5:6:7:8:9"]) expect(networkPrefix(junk)).toBeNull();
  });

  it("passes over a juror candidate who shares a signal with one already seated", () => {
    const signals = new Map([[1, new Set(["network:a"])], [2, new Set(["network:a", "browser:b"])], [3, new Set(["browser:c"])]]);
    expect(sharesSignal([1], 2, signals)).toBe(true);
    expect(sharesSignal([1], 3, signals)).toBe(false);
    expect(sharesSignal([1], 4, signals)).toBe(false);
  });
});

describe("panel selection among people", () => {
  const start = new Date("2026-10-01T00:00:00+09:00");
  const candidate = (userId: number, posts: number): Activity => ({ userId, nickname: `u${userId}`, createdAt: new Date("2026-01-01"), canSignIn: true, posts, comments: 0, upsReceived: 0, hadPostBlinded: false });
  it("skips ring accounts and seats one account per shared signal, by score", () => {
    const candidates = [candidate(1, 9), candidate(2, 8), candidate(3, 7), candidate(4, 6)];
    const seated = selectPanel(candidates, start, { inRing: new Set([1]), signalsOf: new Map([[2, new Set(["network:x"])], [3, new Set(["network:x"])]]) });
    expect(seated.map((s) => [s.userId, s.rank])).toEqual([[2, 1], [4, 2]]);
  });
});

describe("new accounts", () => {
  const joined = new Date("2026-11-16T03:00:00Z");
  it("waits the configured age to vote and report, and 0 turns it off", () => {
    expect(newAccountWait("vote", joined, new Date(joined.getTime() + 3_600_000), 72)).toBe("가입 3일 후부터 추천/반대할 수 있습니다. 2026/11/19 12:00부터 추천/반대할 수 있습니다.");
    expect(newAccountWait("report", joined, new Date(joined.getTime() + 71 * 3_600_000), 72)).toContain("가입 3일 후부터 신고할 수 있습니다.");
    expect(newAccountWait("vote", joined, new Date(joined.getTime() + 72 * 3_600_000), 72)).toBeNull();
    expect(newAccountWait("vote", joined, joined, 0)).toBeNull();
    expect(ageWords(36)).toBe("36시간");
  });

  it("lowers the daily caps in the first day only", () => {
    const soon = new Date(joined.getTime() + 3_600_000);
    expect(dailyCapFor("posts", 30, joined, soon, 72)).toEqual({ cap: FIRST_DAY_POSTS_PER_DAY, firstDay: true, reopensAt: new Date("2026-11-16T15:00:00Z") });
    expect(dailyCapFor("posts", 30, joined, new Date(joined.getTime() + 25 * 3_600_000), 72).cap).toBe(30);
    expect(dailyCapFor("comments", 50, joined, soon, 0)).toMatchObject({ cap: 50, firstDay: false });
  });

  it("words the vote caps with the right particle and the reopening", () => {
    expect(perAuthorCapMessage("UP", 6, "2026/11/17 00:00")).toBe("한 회원의 글에는 하루에 추천을 6번까지 할 수 있습니다. 2026/11/17 00:00부터 다시 할 수 있습니다.");
    expect(perAuthorCapMessage("DOWN", 3, "2026/11/17 00:00")).toContain("반대를 3번까지");
    expect(perMinuteCapMessage(10, 42)).toBe("추천/반대는 1분에 10번까지 할 수 있습니다. 42초 후에 다시 할 수 있습니다.");
  });
});
