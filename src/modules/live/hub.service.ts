// The live board in one instance: the open pages' streams, grouped by what they show (a
// board's list, a post), fed by the same announcements that keep the page cache exact
// (src/domain/changes.ts: this instance's and, through the relay, every other's). A change
// costs one read per topic, however many readers watch it; what a reader missed while away is
// read from the database by a cursor (post numbers, comment ids), so any instance can resume
// any stream without gaps or duplicates (docs/decisions/0038).
//
// Each topic runs its work one step at a time (joins, refreshes): a reader joining sees every
// event from its resume point on exactly once, whatever arrives meanwhile.
import type { Ctx } from "../../context.ts";
import type { Change } from "../../domain/changes.ts";
import type { BoardSummary } from "../boards/boards.service.ts";
import { lastCommentId, visibleCommentsAfter } from "../comments/comments.service.ts";
import { headerUnreadCount, membersNotifiedSince } from "../notifications/notifications.service.ts";
import { lastPostNumber, livePosts, visibleNumbersAfter, type LivePost } from "./live.queries.ts";
import { CATCH_UP_MAX, SHOWN_MAX, SINCE_MARGIN_MS, sseEvent } from "./live.rules.ts";

export interface LiveListener {
  /** Writes events; the stream drops a reader too slow to take them. */
  send(frame: string): void;
  /** Ends the stream (its post is gone, the join failed, or the server is stopping). */
  end(): void;
  readonly userId: number | null;
  /** Whom a signed-in reader blocks: their comments are not sent (a reload shows them folded). */
  readonly blocked: ReadonlySet<number>;
}

export type LiveComment = Awaited<ReturnType<typeof visibleCommentsAfter>>[number];
/** A comment's HTML as an anonymous reader's page draws it (the routes render the page's partial). */
export type RenderComment = (board: BoardSummary, number: number, comment: LiveComment) => Promise<string>;

interface Topic {
  key: string;
  board: BoardSummary;
  number: number | null; // null: the board's list
  postId: number;
  /** The list: the last post number sent; a post: the last comment id sent. */
  cursor: number;
  ready: boolean;
  listeners: Set<LiveListener>;
  joining: Set<LiveListener>;
  chain: Promise<void>;
  queued: boolean;
  /** The list: posts whose state changed since the last refresh. */
  touched: Set<number>;
  /** The list: the posts its readers' pages show (checked again after the relay was down). */
  watched: Set<number>;
  /** A post: the counts last sent. */
  counts: string;
}

const WATCHED_MAX = 1000;

/** The counts a row or a post page shows; a post nobody may read shows why instead. */
function rowOf(p: LivePost) {
  return p.unseen ? { number: p.number, unseen: p.unseen } : { number: p.number, up: p.upCount, down: p.downCount, comments: p.commentCount };
}

export class LiveHub {
  readonly #topics = new Map<string, Topic>();
  readonly #members = new Map<number, Set<LiveListener>>();
  readonly #unread = new WeakMap<LiveListener, number>();
  #notifiedAt: Date | null = null;
  #memberChain: Promise<void> = Promise.resolve();
  #memberQueued = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly render: RenderComment,
    private readonly onError: (error: unknown) => void,
  ) {
    ctx.changes.subscribe((change) => this.#changed(change));
    // Changes from other instances may have been missed: every topic reads again from its cursor.
    ctx.changes.onResumed(() => {
      for (const topic of this.#topics.values()) {
        for (const n of topic.watched) topic.touched.add(n);
        this.#refresh(topic);
      }
      this.#checkMembers();
    });
  }

  /** Topics with readers, and readers (for /metrics). */
  usage(): { topics: number; listeners: number } {
    let listeners = 0;
    for (const topic of this.#topics.values()) listeners += topic.listeners.size;
    return { topics: this.#topics.size, listeners };
  }

  /**
   * A board list's reader: new posts after `after` (the newest number its page showed), then
   * the rows its page shows (`shown`) as they are now. Returns how to leave.
   */
  joinList(listener: LiveListener, board: BoardSummary, from: { after: number | null; shown: number[] }): () => void {
    const topic = this.#topic(`list:${board.id}`, board, null, 0);
    for (const n of from.shown.slice(0, SHOWN_MAX)) if (topic.watched.size < WATCHED_MAX) topic.watched.add(n);
    return this.#join(topic, listener, async () => {
      const after = Math.min(from.after ?? topic.cursor, topic.cursor);
      if (after < topic.cursor) {
        const numbers = await visibleNumbersAfter(this.ctx, board.id, after, topic.cursor, CATCH_UP_MAX + 1);
        if (numbers.length > 0) listener.send(sseEvent("posts", { numbers: numbers.slice(0, CATCH_UP_MAX), more: numbers.length > CATCH_UP_MAX }));
      }
      const rows = (await livePosts(this.ctx, board.id, from.shown)).map(rowOf);
      // Ends with the resume point, so a reconnect anywhere starts where this left off.
      listener.send(sseEvent("rows", { rows }, topic.cursor));
    });
  }

  /**
   * A post page's reader: the comments after comment `after` (a resume) or written after
   * `since` (the page's first connection), then the post's counts. Returns how to leave.
   */
  joinPost(listener: LiveListener, board: BoardSummary, post: { id: number; number: number }, from: { after: number | null; since: Date | null }): () => void {
    const topic = this.#topic(`post:${board.id}:${post.number}`, board, post.number, post.id);
    return this.#join(topic, listener, async () => {
      const missed =
        from.after !== null
          ? await visibleCommentsAfter(this.ctx, post.id, { afterId: Math.min(from.after, topic.cursor), upTo: topic.cursor }, CATCH_UP_MAX + 1)
          : from.since
            ? await visibleCommentsAfter(this.ctx, post.id, { afterId: 0, since: new Date(from.since.getTime() - SINCE_MARGIN_MS), upTo: topic.cursor }, CATCH_UP_MAX + 1)
            : [];
      if (missed.length > CATCH_UP_MAX) listener.send(sseEvent("stale", { reason: "many" }));
      else for (const c of missed) if (!listener.blocked.has(c.author.id)) listener.send(await this.#commentEvent(topic, c));
      const [state] = await livePosts(this.ctx, board.id, [post.number]);
      if (!state || state.unseen) {
        listener.send(sseEvent("post", { unseen: state?.unseen ?? "deleted" }, topic.cursor));
        return "end";
      }
      listener.send(sseEvent("post", this.#postCounts(state), topic.cursor));
    });
  }

  /** A signed-in reader's 알림 count, now and whenever it changes. Returns how to leave. */
  joinMember(listener: LiveListener, userId: number): () => void {
    let listeners = this.#members.get(userId);
    if (!listeners) this.#members.set(userId, (listeners = new Set()));
    listeners.add(listener);
    this.#notifiedAt ??= this.ctx.clock();
    headerUnreadCount(this.ctx, userId).then((unread) => this.#tellUnread(listener, unread), this.onError);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.#members.get(userId) === listeners) this.#members.delete(userId);
    };
  }

  /** Ends every stream (the server is stopping: the browsers reconnect to another instance). */
  endAll(): void {
    for (const topic of this.#topics.values()) for (const listener of [...topic.listeners, ...topic.joining]) listener.end();
  }

  #topic(key: string, board: BoardSummary, number: number | null, postId: number): Topic {
    let topic = this.#topics.get(key);
    if (!topic) {
      topic = { key, board, number, postId, cursor: 0, ready: false, listeners: new Set(), joining: new Set(), chain: Promise.resolve(), queued: false, touched: new Set(), watched: new Set(), counts: "" };
      this.#topics.set(key, topic);
    }
    return topic;
  }

  #join(topic: Topic, listener: LiveListener, catchUp: () => Promise<void | "end">): () => void {
    topic.joining.add(listener);
    this.#run(topic, async () => {
      if (!topic.joining.has(listener)) return; // gone before its turn
      try {
        await this.#start(topic);
        const outcome = await catchUp();
        if (!topic.joining.delete(listener)) return;
        if (outcome === "end") return listener.end();
        topic.listeners.add(listener);
      } catch (error) {
        topic.joining.delete(listener);
        listener.end(); // the browser reconnects, and tries again
        throw error;
      }
    });
    return () => {
      topic.joining.delete(listener);
      topic.listeners.delete(listener);
      if (topic.joining.size === 0 && topic.listeners.size === 0 && this.#topics.get(topic.key) === topic) this.#topics.delete(topic.key);
    };
  }

  /** The topic's cursor, read once: from here on its refreshes send what is newer. */
  async #start(topic: Topic): Promise<void> {
    if (topic.ready) return;
    topic.cursor = topic.number === null ? await lastPostNumber(this.ctx, topic.board.id) : await lastCommentId(this.ctx, topic.postId);
    topic.ready = true;
  }

  #run(topic: Topic, step: () => Promise<void>): void {
    topic.chain = topic.chain.then(step).catch(this.onError);
  }

  #changed(change: Change): void {
    if (change.kind === "post") {
      const list = this.#topics.get(`list:${change.boardId}`);
      if (list) {
        list.touched.add(change.number);
        this.#refresh(list);
      }
      const post = this.#topics.get(`post:${change.boardId}:${change.number}`);
      if (post) this.#refresh(post);
    } else if (change.kind === "board") {
      const list = this.#topics.get(`list:${change.boardId}`);
      if (list) this.#refresh(list);
    }
    this.#checkMembers();
  }

  /** One refresh at a time per topic; changes that arrive meanwhile are read by the next. */
  #refresh(topic: Topic): void {
    if (topic.queued) return;
    topic.queued = true;
    this.#run(topic, async () => {
      topic.queued = false;
      if (!topic.ready || topic.listeners.size === 0) return;
      await (topic.number === null ? this.#refreshList(topic) : this.#refreshPost(topic));
    });
  }

  async #refreshList(topic: Topic): Promise<void> {
    const touched = [...topic.touched];
    topic.touched.clear();
    for (;;) {
      const numbers = await visibleNumbersAfter(this.ctx, topic.board.id, topic.cursor, null, CATCH_UP_MAX);
      if (numbers.length === 0) break;
      topic.cursor = numbers.at(-1)!;
      this.#broadcast(topic, sseEvent("posts", { numbers, more: false }, topic.cursor));
      if (numbers.length < CATCH_UP_MAX) break;
    }
    if (touched.length > 0) this.#broadcast(topic, sseEvent("rows", { rows: (await livePosts(this.ctx, topic.board.id, touched)).map(rowOf) }));
  }

  async #refreshPost(topic: Topic): Promise<void> {
    const [state] = await livePosts(this.ctx, topic.board.id, [topic.number!]);
    if (!state || state.unseen) {
      // Blinded, hidden or deleted: the open pages say so, and their streams end.
      this.#broadcast(topic, sseEvent("post", { unseen: state?.unseen ?? "deleted" }));
      for (const listener of topic.listeners) listener.end();
      return;
    }
    for (;;) {
      const comments = await visibleCommentsAfter(this.ctx, topic.postId, { afterId: topic.cursor }, CATCH_UP_MAX);
      for (const c of comments) {
        topic.cursor = c.id;
        const event = await this.#commentEvent(topic, c);
        for (const listener of topic.listeners) if (!listener.blocked.has(c.author.id)) listener.send(event);
      }
      if (comments.length < CATCH_UP_MAX) break;
    }
    const counts = JSON.stringify(this.#postCounts(state));
    if (counts === topic.counts) return;
    topic.counts = counts;
    this.#broadcast(topic, sseEvent("post", this.#postCounts(state), topic.cursor));
  }

  #postCounts(state: LivePost) {
    return { up: state.upCount, down: state.downCount, opinions: state.opinionCount, comments: state.commentCount };
  }

  async #commentEvent(topic: Topic, c: LiveComment): Promise<string> {
    const html = await this.render(topic.board, topic.number!, c);
    return sseEvent("comment", { id: c.id, parentId: c.parentId, html }, c.id);
  }

  #broadcast(topic: Topic, event: string): void {
    for (const listener of topic.listeners) listener.send(event);
  }

  /** Members with an open stream whose 알림 changed hear their new count (one read per change burst). */
  #checkMembers(): void {
    if (this.#members.size === 0 || this.#memberQueued) return;
    this.#memberQueued = true;
    this.#memberChain = this.#memberChain
      .then(async () => {
        this.#memberQueued = false;
        const now = this.ctx.clock();
        // A notification is stamped before its transaction commits: look a little further back.
        const since = new Date(Math.min(this.#notifiedAt?.getTime() ?? now.getTime(), now.getTime()) - 2_000);
        this.#notifiedAt = now;
        for (const userId of await membersNotifiedSince(this.ctx, since)) {
          const listeners = this.#members.get(userId);
          if (!listeners) continue;
          const unread = await headerUnreadCount(this.ctx, userId);
          for (const listener of listeners) this.#tellUnread(listener, unread);
        }
      })
      .catch(this.onError);
  }

  #tellUnread(listener: LiveListener, unread: number): void {
    if (this.#unread.get(listener) === unread) return;
    this.#unread.set(listener, unread);
    listener.send(sseEvent("notifications", { unread }));
  }
}
