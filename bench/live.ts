// The live board under load (`npm run bench` runs it, docs/decisions/0038): STREAMS open
// streams on one instance (RSS with them open), a new comment's time to reach every one of
// them, and board page 1's throughput with them idle beside the same without (medians of
// turns taken in alternation); with a
// PostgreSQL URL, two instances on it and the time from a comment's commit on A to its event on
// B. The server runs on core 0 as `npm start` runs it; this process holds the streams (raw
// sockets, a few bytes each) and is started on core 1. Prints one JSON line.
//   node --import tsx bench/live.ts <sqlite url> [--quick] [<postgres url>] [--streams=N] [--node=<flag> …]
// (--node: a V8 or Node flag for the single-instance server, after npm start's own: the heap
// for 10,000 streams, another heap size to try, or --cpu-prof.)
import fs from "node:fs";
import net from "node:net";
import { driverFor } from "../src/db/driver.ts";
import { createSessions, type BenchSession } from "./sessions.ts";
import { load, peakRss, SECRET, startApp, waitFor, type Server } from "./harness.ts";

const [databaseUrl, ...rest] = process.argv.slice(2);
const quick = rest.includes("--quick");
const pgUrl = rest.find((a) => a.startsWith("postgres"));
const serverFlags = rest.filter((a) => a.startsWith("--node=")).map((a) => a.slice("--node=".length));
const STREAMS = Number(rest.find((a) => a.startsWith("--streams="))?.slice("--streams=".length) ?? (quick ? 1_000 : 10_000));
const COMMENTS = quick ? 3 : 10;
const CROSS_SAMPLES = quick ? 10 : 50;
const PORTS = { one: 29_420, a: 29_421, b: 29_422 };
const LIVE_ENV = { LIVE_STREAMS_MAX: String(STREAMS), LIVE_STREAMS_PER_IP: String(STREAMS), PAGE_CACHE: "off" };

const rssMb = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
};
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
};

/** One stream on a raw socket: when each comment id's event arrived (ms, performance.now()). */
interface Listener {
  socket: net.Socket;
  ready: Promise<void>;
  arrivals: Map<number, number>;
}

function listen(port: number, path: string): Listener {
  const arrivals = new Map<number, number>();
  const socket = net.connect(port, "127.0.0.1");
  socket.setEncoding("utf8");
  let tail = "";
  let markReady: () => void;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    socket.once("error", reject);
  });
  socket.on("data", (chunk: string) => {
    const now = performance.now();
    const text = tail + chunk;
    if (text.includes("event: post")) markReady();
    for (const m of text.matchAll(/id: (\d+)\nevent: comment\n/g)) if (!arrivals.has(Number(m[1]))) arrivals.set(Number(m[1]), now);
    tail = text.slice(-64);
  });
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`);
  return { socket, ready, arrivals };
}

async function openStreams(port: number, path: string, count: number): Promise<Listener[]> {
  const listeners: Listener[] = [];
  for (let i = 0; i < count; i += 250) {
    const batch = Array.from({ length: Math.min(250, count - i) }, () => listen(port, path));
    await Promise.all(batch.map((l) => l.ready));
    listeners.push(...batch);
  }
  return listeners;
}

async function comment(port: number, number: number, s: BenchSession, text: string): Promise<{ id: number; sent: number; answered: number }> {
  const send = () =>
    fetch(`http://127.0.0.1:${port}/boards/005930/posts/${number}/comments`, {
      method: "POST",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf, accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
      body: `body=${encodeURIComponent(text)}`,
    });
  // A kept-alive socket the server closed meanwhile fails at once: one more try on a new one.
  let sent = performance.now();
  const res = await send().catch(() => ((sent = performance.now()), send()));
  const answered = performance.now();
  if (res.status !== 201) throw new Error(`comment: ${res.status} ${await res.text()}`);
  return { id: ((await res.json()) as { comment: { id: number } }).comment.id, sent, answered };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function prepare(url: string, count: number) {
  const { db } = driverFor(url).open();
  try {
    const board = await db.board.findUniqueOrThrow({ where: { stockCode: "005930" } });
    const sessions = await createSessions(db, SECRET, count);
    const post = await db.post.findFirstOrThrow({
      where: { boardId: board.id, deletedAt: null, blindedAt: null, hiddenAt: null, heldAt: null, authorId: { notIn: sessions.map((s) => s.userId) } },
      orderBy: { number: "desc" },
    });
    return { sessions, number: post.number };
  } finally {
    await db.$disconnect();
  }
}

const stop = async (server: Server) => {
  server.child.kill("SIGTERM");
  await new Promise((resolve) => server.child.once("exit", resolve));
};

// One instance: throughput without streams, STREAMS streams opened, throughput beside them, fan-out.
const { sessions, number } = await prepare(databaseUrl!, COMMENTS + CROSS_SAMPLES);
const one = startApp(PORTS.one, databaseUrl!, LIVE_ENV, serverFlags);
await waitFor(`http://127.0.0.1:${PORTS.one}/`, one);
const duration = quick ? 2 : 5;
const ROUNDS = quick ? 1 : 3;
// Board page 1 in turns without and beside the streams (W B W B … W): the machine's drift over
// the minutes counts on both sides. The streams are opened again for each turn beside them.
const page1 = () => {
  load("page1", PORTS.one, { connections: 50, duration: 1 });
  return load("page1", PORTS.one, { connections: 50, duration });
};
const withouts = [page1()];
const besides: typeof withouts = [];
const rssBefore = rssMb(one.child.pid!);
let openMs = 0;
let rssWith = 0;
const fanout: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const opening = performance.now();
  const listeners = await openStreams(PORTS.one, `/boards/005930/posts/${number}/live`, STREAMS);
  if (round === 0) openMs = performance.now() - opening;
  await new Promise((r) => setTimeout(r, 1_000));
  if (round === 0) rssWith = rssMb(one.child.pid!);
  besides.push(page1());
  if (round === 0) {
    for (let i = 0; i < COMMENTS; i++) {
      const c = await comment(PORTS.one, number, sessions[i]!, `실시간 벤치마크 댓글 ${i} ${Date.now()}`);
      await until(() => listeners.every((l) => l.arrivals.has(c.id)), 30_000);
      for (const l of listeners) fanout.push(l.arrivals.get(c.id)! - c.answered);
    }
  }
  for (const l of listeners) l.socket.destroy();
  await new Promise((r) => setTimeout(r, 1_000));
  withouts.push(page1());
}
const peak = peakRss(one.child.pid!);
await stop(one);
const median = (xs: number[]) => quantile(xs, 0.5);

// Two instances on PostgreSQL: commit on A (its answer) to the event on B.
let cross: { p50: number; p99: number; fromRequestP50: number; samples: number } | null = null;
if (pgUrl) {
  const pg = await prepare(pgUrl, CROSS_SAMPLES);
  const a = startApp(PORTS.a, pgUrl, LIVE_ENV);
  const b = startApp(PORTS.b, pgUrl, LIVE_ENV);
  await Promise.all([waitFor(`http://127.0.0.1:${PORTS.a}/`, a), waitFor(`http://127.0.0.1:${PORTS.b}/`, b)]);
  const [onB] = await openStreams(PORTS.b, `/boards/005930/posts/${pg.number}/live`, 1);
  const fromAnswer: number[] = [];
  const fromRequest: number[] = [];
  for (let i = 0; i < CROSS_SAMPLES; i++) {
    const c = await comment(PORTS.a, pg.number, pg.sessions[i]!, `인스턴스 사이 벤치마크 ${i} ${Date.now()}`);
    await until(() => onB!.arrivals.has(c.id), 10_000);
    fromAnswer.push(onB!.arrivals.get(c.id)! - c.answered);
    fromRequest.push(onB!.arrivals.get(c.id)! - c.sent);
  }
  onB!.socket.destroy();
  await Promise.all([stop(a), stop(b)]);
  cross = { p50: quantile(fromAnswer, 0.5), p99: quantile(fromAnswer, 0.99), fromRequestP50: quantile(fromRequest, 0.5), samples: CROSS_SAMPLES };
}

console.log(
  JSON.stringify({
    streams: STREAMS,
    openMs,
    rssBefore,
    rssWith,
    peak,
    rpsWithout: median(withouts.map((r) => r.rps)),
    rpsBeside: median(besides.map((r) => r.rps)),
    rounds: { without: withouts.map((r) => r.rps), beside: besides.map((r) => r.rps) },
    failures: [...withouts, ...besides].reduce((n, r) => n + r.errors + r.non2xx, 0),
    fanout: { p50: quantile(fanout, 0.5), p99: quantile(fanout, 0.99), max: Math.max(...fanout), comments: COMMENTS },
    cross,
  }),
);
process.exit(0);
