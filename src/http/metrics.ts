// Prometheus metrics (prom-client) at /metrics: request durations by route pattern and status
// class, the raw-SQL paths' query durations, the view-count queue, the page cache, sessions,
// notable events (rate-limit refusals, blindings, appeals …) and Node's process metrics.
// Readable from this machine without a token (a request that came straight over loopback, not
// through a proxy), from anywhere else only with `Authorization: Bearer $METRICS_TOKEN`;
// everyone else finds nothing there (404).
import crypto from "node:crypto";
import type { Request, RequestHandler } from "express";
import client from "prom-client";
import type { Sql, SqlTx } from "../db/sql.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { NotableEvents } from "../lib/notable-events.ts";

// Node's own metrics (CPU, memory, event-loop lag, GC) once per process: every app in a test
// run shares them, and collecting them twice would observe the GC twice.
let processRegistry: client.Registry | undefined;
function processMetrics(): client.Registry {
  if (!processRegistry) {
    processRegistry = new client.Registry();
    client.collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const STATUS_CLASSES = ["0xx", "1xx", "2xx", "3xx", "4xx", "5xx"];
const SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface MetricSources {
  events: NotableEvents;
  viewQueue: () => { length: number; lagSeconds: number };
  pageCache: () => { hits: number; misses: number };
  sessions: () => Promise<number>;
  /** Open live streams (src/modules/live), and whether changes from other instances arrive. */
  liveStreams: () => number;
  changeFeedUp: () => boolean;
  /** What /readyz would answer (false while draining). */
  ready: () => Promise<boolean>;
}

export class Metrics {
  readonly registry = new client.Registry();
  readonly #http: client.Histogram<"method" | "route" | "status_class">;
  readonly #db: client.Histogram<"kind">;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.#http = new client.Histogram({
      name: "jongto_http_request_duration_seconds",
      help: "Time to answer a request, by route pattern and status class.",
      labelNames: ["method", "route", "status_class"],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    this.#db = new client.Histogram({
      name: "jongto_db_query_duration_seconds",
      help: "Time of the raw-SQL reads and write transactions (the pages' hot paths).",
      labelNames: ["kind"],
      buckets: SECONDS_BUCKETS,
      registers,
    });
    const events = new client.Counter({
      name: "jongto_events_total",
      help: "Notable events: sign_in_burst, rate_limited, blinding, appeal_filed, appeal_decided, operator_action, housekeeping, integrity_cases, votes_voided.",
      labelNames: ["event"],
      registers,
    });
    sources.events.onRecord((event) => events.inc({ event }));
    new client.Gauge({
      name: "jongto_live_streams",
      help: "Open pages' live streams (server-sent events) on this instance.",
      registers,
      collect() {
        this.set(sources.liveStreams());
      },
    });
    new client.Gauge({
      name: "jongto_change_feed_up",
      help: "1 while changes from the other instances arrive; 0 while the feed is down (page copies then live one second).",
      registers,
      collect() {
        this.set(sources.changeFeedUp() ? 1 : 0);
      },
    });
    new client.Gauge({
      name: "jongto_view_queue_length",
      help: "Page views waiting for the next view-count batch.",
      registers,
      collect() {
        this.set(sources.viewQueue().length);
      },
    });
    new client.Gauge({
      name: "jongto_view_queue_lag_seconds",
      help: "Age of the oldest page view waiting for the view-count batch.",
      registers,
      collect() {
        this.set(sources.viewQueue().lagSeconds);
      },
    });
    for (const kind of ["hits", "misses"] as const) {
      new client.Counter({
        name: `jongto_page_cache_${kind}_total`,
        help: `Anonymous page-cache ${kind}.`,
        registers,
        collect() {
          this.reset();
          this.inc(sources.pageCache()[kind]);
        },
      });
    }
    new client.Gauge({
      name: "jongto_ready",
      help: "1 when /readyz would answer 200 (database usable and migrated, Redis when set, not draining).",
      registers,
      async collect() {
        this.set((await sources.ready()) ? 1 : 0);
      },
    });
    new client.Gauge({
      name: "jongto_sessions",
      help: "Sessions that have not expired (signed-in members and pending forms).",
      registers,
      async collect() {
        this.set(await sources.sessions());
      },
    });
  }

  /** A request's duration, told by the request log when it is answered. */
  readonly observeRequest = (method: string, route: string, status: number, seconds: number): void => {
    this.#http.observe({ method, route, status_class: STATUS_CLASSES[Math.floor(status / 100)] ?? "other" }, seconds);
  };

  /** The same Sql, each read and transaction timed. */
  timed(sql: Sql): Sql {
    const time = async <T>(kind: "read" | "transaction", run: () => Promise<T>): Promise<T> => {
      const end = this.#db.startTimer({ kind });
      try {
        return await run();
      } finally {
        end();
      }
    };
    return {
      read: <T>(query: Prisma.Sql) => time("read", () => sql.read<T>(query)),
      transaction: <T>(body: (t: SqlTx) => Promise<T>) => time("transaction", () => sql.transaction(body)),
    };
  }

  /** GET /metrics, for whoever may read it. */
  route(token: string | undefined): RequestHandler {
    return (req, res, next) => {
      if (req.path !== "/metrics" || req.method !== "GET") return next();
      if (!mayRead(req, token)) return next(); // the 404 everyone else gets
      void client.Registry.merge([processMetrics(), this.registry])
        .metrics()
        .then((text) => res.set("Content-Type", client.register.contentType).set("Cache-Control", "no-store").send(text), next);
    };
  }
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function mayRead(req: Request, token: string | undefined): boolean {
  const direct = !req.headers["x-forwarded-for"] && !req.headers.forwarded;
  if (direct && LOOPBACK.has(req.socket.remoteAddress ?? "")) return true;
  if (!token) return false;
  const given = Buffer.from(req.get("authorization") ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
}
