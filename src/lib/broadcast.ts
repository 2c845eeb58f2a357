// One message to every app instance: the transport behind the change feed that crosses
// instances (src/domain/changes.ts, docs/decisions/0038). Messages are short strings, sent
// at most once; a subscriber that was away is told `resumed` when it is back, since what was
// sent meanwhile is gone (the listeners then treat every copy as stale). While a connection is
// down, messages to send wait in a bounded queue and go when it is up again.
import { createClient } from "redis";
import type { Logger } from "./log.ts";

export interface BroadcastStatus {
  transport: "process" | "postgres" | "redis";
  /** Whether messages from other instances arrive now (always, in one process). */
  up: boolean;
}

export interface Broadcast {
  readonly status: () => BroadcastStatus;
  publish(message: string): void;
  /** `message` for every message from another instance; `resumed` after an outage ends. */
  subscribe(handlers: { message: (message: string) => void; resumed: () => void }): void;
  close(): Promise<void>;
}

/** Messages queued while the connection is down; past this the oldest go (others fall back to the copies' lifetime). */
export const QUEUE_MAX = 1000;
/** Reconnection waits: 100 ms, doubling, at most this. */
export const RETRY_MAX_MS = 2_000;

export const retryWait = (attempt: number): number => Math.min(100 * 2 ** Math.min(attempt, 10), RETRY_MAX_MS);

/** One instance (SQLite): the change feed's own listeners are everyone. */
export function processBroadcast(): Broadcast {
  return { status: () => ({ transport: "process", up: true }), publish() {}, subscribe() {}, close: async () => {} };
}

/**
 * What the transports share: the handlers, the queue of messages to send while down, and the
 * up/down state with its log lines.
 */
export class Link {
  readonly #queue: string[] = [];
  #handlers: { message: (message: string) => void; resumed: () => void } = { message: () => {}, resumed: () => {} };
  #up = false;
  #wasUp = false;

  constructor(
    readonly transport: BroadcastStatus["transport"],
    private readonly log: Logger,
    private readonly send: (message: string) => Promise<void>,
  ) {}

  get up(): boolean {
    return this.#up;
  }

  subscribe(handlers: { message: (message: string) => void; resumed: () => void }): void {
    this.#handlers = handlers;
  }

  received(message: string): void {
    this.#handlers.message(message);
  }

  publish(message: string): void {
    if (this.#up) {
      this.send(message).catch(() => this.#enqueue(message));
      return;
    }
    this.#enqueue(message);
  }

  #enqueue(message: string): void {
    this.#queue.push(message);
    if (this.#queue.length > QUEUE_MAX) this.#queue.shift();
  }

  /** Connected (again): queued messages go, and after an outage the listeners hear `resumed`. */
  connected(): void {
    this.#up = true;
    if (this.#wasUp) {
      this.log.warn({ transport: this.transport }, "change feed reconnected");
      this.#handlers.resumed();
    }
    this.#wasUp = true;
    for (const message of this.#queue.splice(0)) this.publish(message);
  }

  lost(error: unknown): void {
    if (this.#up) this.log.error({ transport: this.transport, err: error instanceof Error ? error.message : String(error) }, "change feed connection lost; page copies now live their one second");
    this.#up = false;
  }
}

/** Redis pub/sub: a subscriber connection and a publisher connection; the client reconnects itself. */
export async function redisBroadcast(url: string, channel: string, log: Logger): Promise<Broadcast> {
  const socket = { connectTimeout: 5_000, reconnectStrategy: (retries: number) => retryWait(retries) };
  const publisher = createClient({ url, socket });
  const subscriber = publisher.duplicate();
  const link = new Link("redis", log, async (message) => {
    await publisher.publish(channel, message);
  });
  // Up while the subscriber is connected; the publisher's own failures queue in `publish`.
  subscriber.on("error", (error: unknown) => link.lost(error));
  publisher.on("error", () => {}); // the client reconnects; a failed send is queued
  subscriber.on("ready", () => {
    // redis resubscribes by itself after a reconnection; "ready" comes once the socket is back.
    setImmediate(() => link.connected());
  });
  subscriber.on("end", () => link.lost(new Error("closed")));
  await Promise.all([publisher.connect(), subscriber.connect()]);
  await subscriber.subscribe(channel, (message) => link.received(message));
  return {
    status: () => ({ transport: "redis", up: link.up }),
    publish: (message) => link.publish(message),
    subscribe: (handlers) => link.subscribe(handlers),
    close: async () => {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
