// The post policy: who may do what with a post, the one answer services and the page share.
import { describe, expect, it } from "vitest";
import { HIDDEN_POST, postOffers, postRefusal, postShown, type PolicyPost } from "../../src/domain/post-policy.ts";

const at = new Date("2026-11-28T03:00:00Z");
const post = (state: Partial<PolicyPost> = {}): PolicyPost => ({ authorId: 1, deletedAt: null, blindedAt: null, hiddenAt: null, ...state });
const author = { id: 1 };
const other = { id: 2 };
const operator = { id: 3, operator: true };
const open = { delistedAt: null };

describe("the post policy", () => {
  it("lets others vote, report and give an opinion on a public post, never its author", () => {
    for (const action of ["vote", "report", "opinion"] as const) {
      expect(postRefusal(action, post(), other), action).toBeNull();
      expect(postRefusal(action, post(), author)?.message, action).toMatch(/내가 쓴 글/);
    }
  });

  it("refuses reactions on a deleted, blinded or hidden post, with each action's words", () => {
    expect(postRefusal("vote", post({ deletedAt: at }), other)?.message).toBe("삭제된 글에는 추천/반대할 수 없습니다.");
    expect(postRefusal("vote", post({ blindedAt: at }), other)?.message).toBe("블라인드 처리된 글에는 추천/반대할 수 없습니다.");
    expect(postRefusal("vote", post({ hiddenAt: at }), other)?.message).toBe(HIDDEN_POST);
    expect(postRefusal("opinion", post({ blindedAt: at }), other)?.message).toBe("이미 블라인드 처리된 글입니다.");
    expect(postRefusal("report", post({ hiddenAt: at }), other)?.message).toBe("이미 숨김 처리된 글입니다.");
    // A report of one's own post says so first, whatever its state.
    expect(postRefusal("report", post({ deletedAt: at }), author)?.message).toBe("내가 쓴 글은 신고할 수 없습니다.");
  });

  it("takes comments on a public post only, from anyone", () => {
    expect(postRefusal("comment", post(), author)).toBeNull();
    expect(postRefusal("comment", post(), null)).toBeNull();
    expect(postRefusal("comment", post({ blindedAt: at }), author)?.message).toBe("블라인드 처리된 글에는 댓글을 쓸 수 없습니다.");
    expect(postRefusal("comment", post({ hiddenAt: at }), other)?.message).toBe("숨김 처리된 글에는 댓글을 쓸 수 없습니다.");
    expect(postRefusal("comment", post({ deletedAt: at }), other)?.message).toBe("삭제된 글에는 댓글을 쓸 수 없습니다.");
  });

  it("lets only the author edit or delete, while the post is public; a deleted one is gone", () => {
    expect(postRefusal("edit", post(), author)).toBeNull();
    expect(postRefusal("edit", post(), other)?.message).toBe("내가 쓴 글만 수정하거나 삭제할 수 있습니다.");
    expect(postRefusal("edit", post({ blindedAt: at }), author)?.message).toBe("블라인드 처리된 글은 수정하거나 삭제할 수 없습니다.");
    expect(postRefusal("edit", post({ hiddenAt: at }), author)?.message).toBe("숨김 처리된 글은 수정하거나 삭제할 수 없습니다.");
    expect(postRefusal("edit", post({ deletedAt: at }), author)?.kind).toBe("gone");
  });

  it("lets an operator act on others' posts only, and hide only what is still public", () => {
    expect(postRefusal("moderate", post(), operator)).toBeNull();
    expect(postRefusal("moderate", post(), other)).not.toBeNull();
    expect(postRefusal("moderate", post({ authorId: 3 }), operator)).not.toBeNull();
    expect(postRefusal("moderate", post({ deletedAt: at }), operator)?.kind).toBe("gone");
    expect(postRefusal("hide", post({ hiddenAt: at }), operator)).not.toBeNull();
    expect(postRefusal("hide", post({ blindedAt: at }), operator)).not.toBeNull();
    expect(postRefusal("moderate", post({ hiddenAt: at }), operator)).toBeNull(); // 복원, 이용 제한 stay
  });

  it("shows a blinded post's text to its author and the appeal's jurors, a hidden one's to its author and operators", () => {
    expect(postShown(post({ blindedAt: at }), other)).toBe("blinded");
    expect(postShown(post({ blindedAt: at }), author)).toBe("text");
    expect(postShown(post({ blindedAt: at }), { id: 2, hearsAppeal: true })).toBe("text");
    expect(postShown(post({ blindedAt: at }), null)).toBe("blinded");
    expect(postShown(post({ hiddenAt: at }), other)).toBe("hidden");
    expect(postShown(post({ hiddenAt: at }), operator)).toBe("text");
    expect(postShown(post({ deletedAt: at }), author)).toBe("deleted");
  });

  it("offers on the page exactly what the services would accept", () => {
    const visitor = postOffers(post(), null, open);
    expect(visitor).toMatchObject({ shown: "text", votes: true, voteRefusal: null, takesComments: true, comment: false, report: true, edit: false, opinion: false, moderate: false });
    const mine = postOffers(post(), author, open);
    expect(mine).toMatchObject({ edit: true, report: false, voteRefusal: "내가 쓴 글에는 추천/반대할 수 없습니다.", comment: true });
    expect(postOffers(post(), { id: 2, juror: true }, open).opinion).toBe(true);
    expect(postOffers(post({ hiddenAt: at }), { id: 2, juror: true }, open)).toMatchObject({ opinion: false, votes: false, report: false, takesComments: false });
    expect(postOffers(post(), other, { delistedAt: at }).voteRefusal).toBe("상장폐지된 종목에는 추천/반대할 수 없습니다.");
  });
});
