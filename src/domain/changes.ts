// What changed, announced by the services after their transaction commits, for whatever keeps
// copies of pages (the anonymous page cache, src/http/page-cache.ts). The domain says what
// changed; it knows nothing of who listens.
export type Change =
  | { kind: "post"; boardId: number; number: number } // the post, its counts, its comments
  | { kind: "board"; boardId: number } // the board's list of posts (a new post shifts every page)
  | { kind: "jury"; boardId: number } // the board's jury page (a blinding, a panel)
  | { kind: "names" }; // a member's shown name changed (닉네임 변경, 회원탈퇴): any page may show it

/** The name a change goes by, shared by the announcements and the pages that depend on them. */
export function changeTag(change: Exclude<Change, { kind: "names" }>): string {
  return change.kind === "post" ? `post:${change.boardId}:${change.number}` : `${change.kind}:${change.boardId}`;
}

export class ChangeFeed {
  readonly #listeners: ((change: Change) => void)[] = [];

  subscribe(listener: (change: Change) => void): void {
    this.#listeners.push(listener);
  }

  announce(...changes: Change[]): void {
    for (const change of changes) for (const listener of this.#listeners) listener(change);
  }
}
