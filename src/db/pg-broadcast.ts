// The change feed between instances on PostgreSQL: LISTEN/NOTIFY on one connection of its own
// (a pooled connection would be handed to others and stop listening), on a channel named after
// the schema, so boards sharing a database do not hear each other (docs/decisions/0038). A lost
// connection is retried, 100 ms doubling to 2 s, for as long as the process runs.
import pg from "pg";
import { Link, retryWait, type Broadcast } from "../lib/broadcast.ts";
import type { Logger } from "../lib/log.ts";
import { schemaOf } from "./pg-migrate.ts";

/** The listener's name in pg_stat_activity: "jongto change feed (<schema>)", at most 63 bytes. */
export function applicationName(databaseUrl: string): string {
  return Buffer.from(`jongto change feed (${schemaOf(databaseUrl)})`).subarray(0, 63).toString("utf8").replace(/\uFFFD$/, "");
}

/** The NOTIFY channel of the schema `databaseUrl` names (an identifier: at most 63 bytes). */
export function channelOf(databaseUrl: string): string {
  return Buffer.from(`jongto:${schemaOf(databaseUrl)}`).subarray(0, 63).toString("utf8").replace(/\uFFFD$/, "");
}

export async function pgBroadcast(databaseUrl: string, log: Logger): Promise<Broadcast> {
  const channel = channelOf(databaseUrl);
  const url = new URL(databaseUrl);
  url.searchParams.delete("schema"); // ours, not pg's
  let client: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  const link = new Link("postgres", log, async (message) => {
    if (!client) throw new Error("not connected");
    await client.query("SELECT pg_notify($1, $2)", [channel, message]);
  });

  async function connect(): Promise<void> {
    // Named, so an operator sees it in pg_stat_activity (one per instance, idle, listening).
    const next = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5_000, keepAlive: true, application_name: applicationName(databaseUrl) });
    let failed = false;
    const fail = (error: unknown) => {
      if (failed || closed) return;
      failed = true;
      if (client === next) client = null;
      link.lost(error);
      next.end().catch(() => {});
      if (!closed) timer = setTimeout(() => void connect().catch(() => {}), retryWait(attempt++));
    };
    next.on("error", fail);
    next.on("end", () => fail(new Error("connection ended")));
    next.on("notification", (n) => {
      if (n.channel === channel && n.payload !== undefined) link.received(n.payload);
    });
    try {
      await next.connect();
      await next.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    } catch (error) {
      fail(error);
      throw error;
    }
    client = next;
    attempt = 0;
    link.connected();
  }

  // The first connection must succeed: a board that cannot reach its database does not start.
  await connect().catch((error: unknown) => {
    closed = true;
    clearTimeout(timer);
    throw error;
  });
  return {
    status: () => ({ transport: "postgres", up: link.up }),
    publish: (message) => link.publish(message),
    subscribe: (handlers) => link.subscribe(handlers),
    close: async () => {
      closed = true;
      clearTimeout(timer);
      const last = client;
      client = null;
      await last?.end().catch(() => {});
    },
  };
}
