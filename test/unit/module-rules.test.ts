// The small rules files of the modules, each pinned where a mistake would change what a
// person is told or allowed: sign-in waits, suspension wording, appeals, reports, viewers,
// XML, the account fields and the API's parameters.
import { describe, expect, it } from "vitest";
import { loginIdField, nicknameField, passwordField } from "../../src/modules/accounts/accounts.fields.ts";
import { FREE_FAILURES, isBurst, MAX_WAIT_SECONDS, waitAfterFailures } from "../../src/modules/accounts/sign-in-throttle.rules.ts";
import { isPermanent, PERMANENT_UNTIL, suspendedMessage, suspensionPeriod } from "../../src/modules/accounts/suspension.rules.ts";
import { limitParam, MAX_LIMIT, postsQuery } from "../../src/modules/api/api.schemas.ts";
import { COMMENT_MAX, COMMENTS_PER_DAY } from "../../src/modules/comments/comments.rules.ts";
import { sitemapXml, tagUri, xmlText } from "../../src/modules/feeds/xml.rules.ts";
import { APPEAL_DECIDING_VOTES, appealDecision } from "../../src/modules/jury/appeals.rules.ts";
import { categoryLabel, suspensionEnd, targetKey } from "../../src/modules/moderation/moderation.rules.ts";
import { notificationText, type NotificationFacts } from "../../src/modules/notifications/notifications.rules.ts";
import { isBot, viewerKey } from "../../src/modules/viewcounts/viewcounts.rules.ts";

const now = new Date("2026-11-28T03:00:00Z");

describe("sign-in waits (sign-in-throttle.rules.ts)", () => {
  it("waits from the fifth wrong password in a row, doubling from 2 s up to 15 minutes", () => {
    expect(waitAfterFailures(FREE_FAILURES - 1)).toBe(0);
    expect(waitAfterFailures(FREE_FAILURES)).toBe(2);
    expect(waitAfterFailures(FREE_FAILURES + 1)).toBe(4);
    expect(waitAfterFailures(FREE_FAILURES + 30)).toBe(MAX_WAIT_SECONDS);
  });
  it("logs the first wait and each doubling of the run, not every failure", () => {
    expect([4, 5, 6, 10, 15, 20, 40].filter(isBurst)).toEqual([5, 10, 20, 40]);
  });
});

describe("suspensions (suspension.rules.ts, moderation.rules.ts)", () => {
  it("store 영구 as a date no one reaches, and word each term", () => {
    expect(suspensionEnd("permanent", now)).toEqual(PERMANENT_UNTIL);
    expect(isPermanent(suspensionEnd("permanent", now))).toBe(true);
    expect(suspensionEnd("7", now).getTime() - now.getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    expect(suspensionPeriod(PERMANENT_UNTIL)).toBe("영구");
    expect(suspensionPeriod(suspensionEnd("1", now))).toMatch(/까지$/);
    expect(suspendedMessage(PERMANENT_UNTIL, null)).toBe("운영정책 위반으로 이용이 제한된 계정입니다. 제한 기간: 영구 · 사유: 기타");
  });
  it("name report categories, unknown ones 기타, and key targets by kind", () => {
    expect(categoryLabel("nonsense")).toBe("기타");
    expect(categoryLabel(null)).toBe("기타");
    expect(targetKey("comment", 7)).toBe("comment:7");
  });
});

describe("appeals and comments (appeals.rules.ts, comments.rules.ts)", () => {
  it("decide by the first side to reach three votes", () => {
    expect(appealDecision({ restoreVotes: APPEAL_DECIDING_VOTES - 1, upholdVotes: 2 })).toBeNull();
    expect(appealDecision({ restoreVotes: 3, upholdVotes: 0 })).toBe("restored");
    expect(appealDecision({ restoreVotes: 1, upholdVotes: 3 })).toBe("upheld");
  });
  it("keep the seed's comment length and the daily cap", () => {
    expect(COMMENT_MAX).toBe(1000);
    expect(COMMENTS_PER_DAY).toBe(50);
  });
});

describe("viewers (viewcounts.rules.ts)", () => {
  it("does not count crawlers and scripts", () => {
    expect(isBot("Mozilla/5.0 (compatible; Googlebot/2.1)")).toBe(true);
    expect(isBot("curl/8.5.0")).toBe(true);
    expect(isBot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) AppleWebKit/605.1.15 Safari/604.1")).toBe(false);
    expect(isBot(undefined)).toBe(false);
  });
  it("keys a member by id, a session by its hash, and a cookieless reader by a hash that changes daily", () => {
    const anon = { ip: "203.0.113.9", userAgent: "ua" };
    expect(viewerKey({ ...anon, userId: 5 }, "2026-11-28", "s")).toBe("u:5");
    expect(viewerKey({ ...anon, sessionId: "abc" }, "2026-11-28", "s")).toMatch(/^s:[\w-]{22}$/);
    expect(viewerKey(anon, "2026-11-28", "s")).not.toBe(viewerKey(anon, "2026-11-29", "s"));
    expect(viewerKey(anon, "2026-11-28", "s")).not.toContain("203.0.113.9");
  });
});

describe("XML (xml.rules.ts)", () => {
  it("escapes markup and drops what XML 1.0 cannot carry", () => {
    expect(xmlText(`<a href="x">&'\u0001\uFFFE`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    expect(xmlText("\uD800 lone")).toBe(" lone");
    expect(sitemapXml([{ loc: "http://x/?a=1&b=<2>" }])).toContain("<loc>http://x/?a=1&amp;b=&lt;2&gt;</loc>");
    expect(tagUri("https://board.example:8443", "post:1")).toBe("tag:board.example,2026:post:1");
  });
});

describe("account fields (accounts.fields.ts)", () => {
  it("accept a plain id, nickname and password, and refuse the shapes the rules name", () => {
    expect(loginIdField.safeParse("seja_0122").success).toBe(true);
    expect(loginIdField.safeParse("Seja").success).toBe(false);
    expect(nicknameField.parse(" 세자 ")).toBe("세자");
    expect(nicknameField.safeParse("세\u200B자").error?.issues[0]?.message).toMatch(/보이지 않는 문자/);
    expect(nicknameField.safeParse("a  b").success).toBe(false);
    expect(passwordField.safeParse("short").error?.issues[0]?.message).toBe("비밀번호는 8자 이상이어야 합니다.");
    expect(passwordField.safeParse("a".repeat(3000)).success).toBe(false);
  });
});

describe("API parameters (api.schemas.ts)", () => {
  it("take whole numbers within bounds and refuse unknown parameters", () => {
    expect(limitParam.parse("20")).toBe(20);
    expect(limitParam.safeParse(String(MAX_LIMIT + 1)).success).toBe(false);
    expect(limitParam.safeParse("1e3").success).toBe(false);
    expect(postsQuery.safeParse({ limit: "5", extra: "1" }).success).toBe(false);
  });
});

describe("notifications (notifications.rules.ts)", () => {
  const facts = (n: Partial<NotificationFacts>): NotificationFacts => ({ kind: "comment", count: 1, actorNickname: "개미", postTitle: "실적", stockName: "삼성전자", commentId: null, detail: null, ...n });
  it("say who commented once, and how many when comments collapsed", () => {
    expect(notificationText(facts({}))).toBe("개미님이 내 글「실적」에 댓글을 남겼습니다.");
    expect(notificationText(facts({ count: 3 }))).toBe("내 글「실적」에 댓글 3개가 달렸습니다.");
  });
  it("never quote a title the post no longer shows", () => {
    expect(notificationText(facts({ kind: "blinded", postTitle: null }))).toBe("내 글이 운영배심원 의견에 따라 블라인드 처리되었습니다.");
    // The particle follows the quoted title's last sound.
    expect(notificationText(facts({ kind: "blinded", postTitle: "매수 추천 부탁 드려요" }))).toBe("내 글「매수 추천 부탁 드려요」가 운영배심원 의견에 따라 블라인드 처리되었습니다.");
    expect(notificationText(facts({ kind: "blinded", postTitle: "실적" }))).toBe("내 글「실적」이 운영배심원 의견에 따라 블라인드 처리되었습니다.");
    expect(notificationText(facts({ kind: "appeal", detail: "복원" }))).toBe("내 글「실적」이 이의 신청으로 복원되었습니다.");
    expect(notificationText(facts({ kind: "appeal", detail: "유지" }))).toBe("내 글「실적」의 이의 신청이 받아들여지지 않아 블라인드 처리가 유지됩니다.");
    expect(notificationText(facts({ kind: "hidden", commentId: 4, detail: "욕설" }))).toBe("내 댓글이 운영정책에 따라 숨김 처리되었습니다 (사유: 욕설).");
    expect(notificationText(facts({ kind: "juror" }))).toBe("이번 달 삼성전자 게시판의 운영배심원으로 선정되었습니다.");
  });
});
