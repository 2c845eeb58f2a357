// What changed, announced by the services after their transaction commits, for whatever keeps
// copies of pages (the anonymous page cache, src/http/page-cache.ts). The domain says what
// changed; it knows nothing of who listens.
export type Change =
  | { kind: "post"; boardId: number; number: number } // the post, its counts, its comments
  | { kind: "board"; boardId: number } // the board's list of posts (a new post shifts every page)
  | { kind: "jury"; boardId: number } // the board's jury page (a blinding, a panel)
  | { kind: "market"; boardId: number } // the stock beside the talk: prices, 공시, 시장경보 (every page of the board shows them)
  | { kind: "names" }; // a member's shown name changed (닉네임 변경, 회원탈퇴): any page may show it

/** The name a change goes by, shared by the announcements and the pages that depend on them. */
export function changeTag(change: Exclude<Change, { kind: "names" }>): string {
  return change.kind === "post" ? `post:${change.boardId}:${change.number}` : `${change.kind}:${change.boardId}`;
}

/** How changes reach other instances: a broadcast of short strings (src/lib/broadcast.ts). */
export interface ChangeRelay {
  publish(message: string): void;
  subscribe(handlers: { message: (message: string) => void; resumed: () => void }): void;
}

/**
 * Changes per message: PostgreSQL's NOTIFY carries under 8000 bytes, and a change is at most
 * about 45 (a listing import announces two per board it touched, so it sends several).
 */
const MAX_CHANGES = 100;

/** The changes another instance announced, or null for anything else on the channel. */
export function parseRelayed(message: string): { from: string; changes: Change[] } | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  const { from, changes } = (value ?? {}) as { from?: unknown; changes?: unknown };
  if (typeof from !== "string" || !Array.isArray(changes) || changes.length > MAX_CHANGES) return null;
  return changes.every(isChange) ? { from, changes } : null;
}

const isId = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;

function isChange(c: unknown): c is Change {
  const { kind, boardId, number } = (c ?? {}) as Record<string, unknown>;
  if (kind === "names") return true;
  if (kind === "board" || kind === "jury" || kind === "market") return isId(boardId);
  return kind === "post" && isId(boardId) && isId(number);
}

/**
 * The announcements of this instance and, once `relay` is given, of every other one. A
 * listener hears each change once, whichever instance made it; `onResumed` listeners hear that
 * the relay was down for a while and changes may have been missed.
 */
export class ChangeFeed {
  readonly #listeners: ((change: Change) => void)[] = [];
  readonly #resumed: (() => void)[] = [];
  readonly #instance = globalThis.crypto.randomUUID();
  #relay: ChangeRelay | null = null;

  subscribe(listener: (change: Change) => void): void {
    this.#listeners.push(listener);
  }

  onResumed(listener: () => void): void {
    this.#resumed.push(listener);
  }

  announce(...changes: Change[]): void {
    this.#tell(changes);
    // The changes of one commit travel together (in messages of MAX_CHANGES).
    for (let i = 0; this.#relay && i < changes.length; i += MAX_CHANGES) {
      this.#relay.publish(JSON.stringify({ from: this.#instance, changes: changes.slice(i, i + MAX_CHANGES) }));
    }
  }

  /** From now on, changes travel to and from the other instances through `relay`. */
  relay(relay: ChangeRelay): void {
    this.#relay = relay;
    relay.subscribe({
      message: (message) => {
        const relayed = parseRelayed(message);
        if (relayed && relayed.from !== this.#instance) this.#tell(relayed.changes);
      },
      resumed: () => {
        for (const listener of this.#resumed) listener();
      },
    });
  }

  #tell(changes: Change[]): void {
    for (const change of changes) for (const listener of this.#listeners) listener(change);
  }
}
