import { describe, expect, it } from "vitest";
import { commentVoteRefusal, perAuthorCapMessage, perMinuteCapMessage, voteTransition, type VotedComment } from "../../src/modules/votes/votes.rules.ts";
import { cursorText, pageHolding, parseCursor } from "../../src/modules/comments/comments.rules.ts";

describe("voteTransition", () => {
  it.each([
    [null, "UP", { next: "UP", up: 1, down: 0 }],
    [null, "DOWN", { next: "DOWN", up: 0, down: 1 }],
    ["UP", "UP", { next: null, up: -1, down: 0 }],
    ["UP", "DOWN", { next: "DOWN", up: -1, down: 1 }],
    ["DOWN", "DOWN", { next: null, up: 0, down: -1 }],
    ["DOWN", "UP", { next: "UP", up: 1, down: -1 }],
  ] as const)("%s + press %s", (current, pressed, expected) => {
    expect(voteTransition(current, pressed)).toEqual(expected);
  });
});

describe("commentVoteRefusal", () => {
  const at = new Date("2026-12-01T00:00:00Z");
  const open: VotedComment = { authorId: 1, deletedAt: null, hiddenAt: null, heldAt: null, post: { deletedAt: null, blindedAt: null, hiddenAt: null, heldAt: null } };
  it("lets another member weigh a public comment on a public post", () => {
    expect(commentVoteRefusal(open, 2)).toBeNull();
  });
  it.each([
    [{ ...open, post: { ...open.post, blindedAt: at } }, 2, "블라인드 처리된 글의 댓글에는 공감/비공감할 수 없습니다."],
    [{ ...open, post: { ...open.post, hiddenAt: at } }, 2, "숨김 처리된 글의 댓글에는 공감/비공감할 수 없습니다."],
    [{ ...open, post: { ...open.post, deletedAt: at } }, 2, "삭제된 글의 댓글에는 공감/비공감할 수 없습니다."],
    [{ ...open, post: { ...open.post, heldAt: at } }, 2, "클린봇이 보류해 운영자가 확인 중인 글입니다."],
    [{ ...open, deletedAt: at }, 2, "삭제된 댓글에는 공감/비공감할 수 없습니다."],
    [{ ...open, hiddenAt: at }, 2, "숨김 처리된 댓글에는 공감/비공감할 수 없습니다."],
    [{ ...open, heldAt: at }, 2, "클린봇이 보류해 운영자가 확인 중인 댓글입니다."],
    [open, 1, "내가 쓴 댓글에는 공감/비공감할 수 없습니다."],
  ] as const)("refuses %#", (comment, voter, message) => {
    expect(commentVoteRefusal(comment, voter)).toBe(message);
  });
  it("words the caps for comments", () => {
    expect(perAuthorCapMessage("UP", 6, "2026/12/02 00:00", "comment")).toBe("한 회원의 댓글에는 하루에 공감을 6번까지 할 수 있습니다. 2026/12/02 00:00부터 다시 할 수 있습니다.");
    expect(perAuthorCapMessage("DOWN", 3, "2026/12/02 00:00", "comment")).toContain("비공감을 3번까지");
    expect(perMinuteCapMessage(10, 5, "comment")).toBe("공감/비공감은 1분에 10번까지 할 수 있습니다. 5초 후에 다시 할 수 있습니다.");
    expect(perMinuteCapMessage(10, 5)).toBe("추천/반대는 1분에 10번까지 할 수 있습니다. 5초 후에 다시 할 수 있습니다.");
  });
});

describe("comment cursors and pages", () => {
  it("round-trips each sort's cursor and refuses another sort's or a forged one", () => {
    expect(parseCursor("old", cursorText("old", { id: 42, upCount: 7 }))).toEqual({ id: 42 });
    expect(parseCursor("best", cursorText("best", { id: 42, upCount: 7 }))).toEqual({ id: 42, upCount: 7 });
    expect(parseCursor("best", cursorText("best", { id: 42, upCount: 0 }))).toEqual({ id: 42, upCount: 0 });
    for (const [sort, text] of [["old", "7.42"], ["best", "42"], ["new", "0"], ["new", "-1"], ["old", "99999999999"], ["old", "1e3"], ["best", "01.2"]] as const) {
      expect(parseCursor(sort, text), `${sort} ${text}`).toBeNull();
    }
  });
  it("finds the page a comment is on from the comments before it", () => {
    expect(pageHolding(0)).toBe(1);
    expect(pageHolding(49)).toBe(1);
    expect(pageHolding(50)).toBe(2);
    expect(pageHolding(110)).toBe(3);
  });
});
