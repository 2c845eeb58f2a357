// The live board's pure rules (resume points, the wire format), the bound on a slow reader, and
// the change feed's relay: what it accepts from the channel and what it keeps while down.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ChangeFeed, parseRelayed, type Change } from "../../src/domain/changes.ts";
import { Link, QUEUE_MAX, retryWait, RETRY_MAX_MS } from "../../src/lib/broadcast.ts";
import { silentLogger } from "../../src/lib/log.ts";
import { SseStream } from "../../src/modules/live/live.routes.ts";
import { resumePoint, SHOWN_MAX, shownNumbers, SINCE_MAX_AGE_MS, sinceOf, sseEvent, STREAM_BUFFER_MAX } from "../../src/modules/live/live.rules.ts";

describe("resume points (live.rules.ts)", () => {
  it("take up to 15 digits, treat absence as none, and refuse anything else", () => {
    expect(resumePoint(undefined)).toBeNull();
    expect(resumePoint("")).toBeNull();
    expect(resumePoint("0")).toBe(0);
    expect(resumePoint("999999999999999")).toBe(999999999999999);
    for (const bad of ["9999999999999999", "-1", "1e3", " 1", "1 ", "0x10", "１２", ["1"]]) expect(resumePoint(bad), String(bad)).toBeUndefined();
  });

  it("keep a first connection's since within the last ten minutes and never in the future", () => {
    const now = new Date("2026-12-04T01:00:00Z");
    expect(sinceOf(String(now.getTime() - 1000), now)).toEqual(new Date(now.getTime() - 1000));
    expect(sinceOf("0", now)).toEqual(new Date(now.getTime() - SINCE_MAX_AGE_MS));
    expect(sinceOf(String(now.getTime() + 60_000), now)).toEqual(now);
    expect(sinceOf("soon", now)).toBeUndefined();
  });

  it("read a list page's shown numbers: positive, distinct, at most SHOWN_MAX", () => {
    expect(shownNumbers(undefined)).toEqual([]);
    expect(shownNumbers("12,11,11,10")).toEqual([12, 11, 10]);
    expect(shownNumbers("12,,10")).toBeUndefined();
    expect(shownNumbers("0")).toBeUndefined();
    expect(shownNumbers(Array.from({ length: SHOWN_MAX + 1 }, (_, i) => i + 1).join(","))).toBeUndefined();
  });

  it("write an event whose data cannot end it early or forge another", () => {
    const text = "줄\n\nevent: post\ndata: {}\r\n";
    const wire = sseEvent("comment", { html: text }, 7);
    expect(wire.startsWith("id: 7\nevent: comment\ndata: ")).toBe(true);
    expect(wire.endsWith("\n\n")).toBe(true);
    expect(wire.slice(0, -2)).not.toMatch(/[\r\n]{2}|\r/);
    expect(wire.split("\n").filter((l) => l.startsWith("event:"))).toEqual(["event: comment"]);
    expect(JSON.parse(wire.split("\n")[2]!.slice(6))).toEqual({ html: text });
  });
});

describe("a stream (SseStream)", () => {
  it("drops a reader that does not read once STREAM_BUFFER_MAX bytes wait, and keeps nothing more", () => {
    let destroyed = false;
    // A socket whose reader never reads: nothing written ever leaves.
    const stuck = new Writable({ highWaterMark: 1024, write: () => {} });
    stuck.on("close", () => (destroyed = true));
    const originalDestroy = stuck.destroy.bind(stuck);
    stuck.destroy = (error?: Error) => {
      destroyed = true;
      return originalDestroy(error);
    };
    const stream = new SseStream(stuck);
    const event = sseEvent("comment", { html: "x".repeat(1000) }, 1);
    let sent = 0;
    while (!stream.ended && sent < 1000) {
      stream.send(event);
      sent++;
    }
    expect(destroyed).toBe(true);
    expect(stream.ended).toBe(true);
    expect(sent * event.length).toBeGreaterThan(STREAM_BUFFER_MAX);
    expect(sent * event.length).toBeLessThan(STREAM_BUFFER_MAX + 2 * event.length);
    const waiting = stuck.writableLength;
    stream.send(event); // after the drop: not even queued
    expect(stuck.writableLength).toBe(waiting);
  });
});

describe("the change feed's relay", () => {
  it("accepts only well-formed changes from the channel", () => {
    expect(parseRelayed('{"from":"a","changes":[{"kind":"post","boardId":1,"number":2},{"kind":"names"}]}')).toEqual({
      from: "a",
      changes: [{ kind: "post", boardId: 1, number: 2 }, { kind: "names" }],
    });
    for (const bad of [
      "not json",
      "null",
      '{"changes":[]}',
      '{"from":"a","changes":[{"kind":"post","boardId":1}]}',
      '{"from":"a","changes":[{"kind":"post","boardId":-1,"number":2}]}',
      '{"from":"a","changes":[{"kind":"board","boardId":"1"}]}',
      '{"from":"a","changes":[{"kind":"drop_tables"}]}',
      `{"from":"a","changes":[${Array(1001).fill('{"kind":"names"}').join(",")}]}`,
    ]) expect(parseRelayed(bad), bad).toBeNull();
  });

  it("tells a change once on each side: to its own listeners at once, to the others through the relay", () => {
    const wire: string[] = [];
    const handlers: { message: (m: string) => void; resumed: () => void }[] = [];
    const relay = { publish: (m: string) => wire.push(m), subscribe: (h: (typeof handlers)[number]) => handlers.push(h) };
    const mine = new ChangeFeed();
    const theirs = new ChangeFeed();
    mine.relay(relay);
    theirs.relay({ publish: () => {}, subscribe: (h) => handlers.push(h) });
    const heard: { mine: Change[]; theirs: Change[] } = { mine: [], theirs: [] };
    mine.subscribe((c) => heard.mine.push(c));
    theirs.subscribe((c) => heard.theirs.push(c));
    let resumed = 0;
    theirs.onResumed(() => resumed++);

    mine.announce({ kind: "post", boardId: 1, number: 5 }, { kind: "board", boardId: 1 });
    expect(wire).toHaveLength(1);
    for (const h of handlers) h.message(wire[0]!); // the channel delivers to everyone, the sender too
    expect(heard.mine).toEqual([{ kind: "post", boardId: 1, number: 5 }, { kind: "board", boardId: 1 }]);
    expect(heard.theirs).toEqual(heard.mine);
    handlers[1]!.resumed();
    expect(resumed).toBe(1);

    // A listing import's hundreds of changes go in messages a NOTIFY can carry (< 8000 bytes).
    wire.length = 0;
    mine.announce(...Array.from({ length: 450 }, (_, i) => ({ kind: "board" as const, boardId: 100_000 + i })));
    expect(wire.length).toBe(5);
    for (const m of wire) expect(Buffer.byteLength(m)).toBeLessThan(8000);
  });

  it("keeps at most QUEUE_MAX messages while down and sends them when up again, then says it resumed", async () => {
    const sent: string[] = [];
    const link = new Link("postgres", silentLogger, async (m) => {
      sent.push(m);
    });
    let resumed = 0;
    link.subscribe({ message: () => {}, resumed: () => resumed++ });
    link.connected(); // the first connection is no resumption
    link.lost(new Error("restarted"));
    for (let i = 0; i < QUEUE_MAX + 5; i++) link.publish(String(i));
    expect(sent).toEqual([]);
    link.connected();
    await Promise.resolve();
    expect(sent).toHaveLength(QUEUE_MAX);
    expect(sent[0]).toBe("5"); // the oldest went first
    expect(resumed).toBe(1);
    expect([0, 1, 2, 5, 20].map(retryWait)).toEqual([100, 200, 400, RETRY_MAX_MS, RETRY_MAX_MS]);
  });
});
