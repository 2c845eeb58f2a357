import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { trustSettings, parseEnv } from "../../src/config/env.ts";
import { dialectFor } from "../../src/db/dialect.ts";
import { ChangeFeed } from "../../src/domain/changes.ts";
import type { Db } from "../../src/db/client.ts";
import { systemClock } from "../../src/lib/clock.ts";
import { NotableEvents } from "../../src/lib/notable-events.ts";
import { capturedLog, request } from "../helpers.ts";
import { expectConsoleError } from "../setup.ts";

// A database that fails every query: the server fault path, end to end.
const brokenDb = new Proxy({} as Db, {
  get: () =>
    new Proxy(
      {},
      {
        get: () => () => Promise.reject(new Error("SECRET_INTERNAL_DETAIL at db.ts:42")),
      },
    ),
});

describe("server faults", () => {
  const { logger: log, lines } = capturedLog("info");
  const broken = () => Promise.reject(new Error("SECRET_INTERNAL_DETAIL at db.ts:42"));
  const app = createApp({ env: parseEnv({ NODE_ENV: "test" }), db: brokenDb, sql: { read: broken, transaction: broken }, dialect: dialectFor("sqlite"), clock: systemClock, changes: new ChangeFeed(), log, events: new NotableEvents(log), trust: trustSettings({}) });

  it("shows the Korean 500 page without a stack trace", async () => {
    expectConsoleError();
    const res = await request(app).get("/").expect(500);
    expect(res.text).toContain("일시적인 오류가 발생했습니다.");
    expect(res.text).toContain('<html lang="ko">');
    expect(res.text).not.toContain("SECRET_INTERNAL_DETAIL");
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it("answers JSON clients with a JSON 500", async () => {
    expectConsoleError();
    const res = await request(app).get("/").set("Accept", "application/json").expect(500);
    expect(res.body).toEqual({ error: { code: "server_error", message: expect.stringContaining("일시적인 오류"), requestId: expect.any(String) } });
  });

  it("prints the request id as 오류 번호, and the log's fault line carries the same id", async () => {
    expectConsoleError();
    const res = await request(app).get("/").expect(500);
    const id = res.headers["x-request-id"] as string;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.text).toContain(`오류 번호: <code>${id}</code>`);
    const fault = lines.find((l) => l.msg === "server fault" && l.requestId === id);
    expect(fault).toBeDefined();
    expect(JSON.stringify(fault)).toContain("SECRET_INTERNAL_DETAIL"); // the operator sees the cause; the user does not
    const requestLine = lines.find((l) => l.msg === "request failed" && l.requestId === id);
    expect(requestLine).toMatchObject({ method: "GET", route: "/", status: 500, level: 50 });
  });
});
