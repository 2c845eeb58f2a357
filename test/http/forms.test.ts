// The one way a form refuses (src/http/form.ts), on a small Express app with the real error
// handler: the form comes back with the status, message, fields and typed text; JSON clients,
// missing pages and faults go to the error handler; a rate limit carries Retry-After.
import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "../../src/domain/errors.ts";
import { errorHandler } from "../../src/http/error-handler.ts";
import { parseForm, tryForm } from "../../src/http/form.ts";
import { silentLogger } from "../../src/lib/log.ts";

const schema = z.object({ title: z.string().min(2, "제목을 2자 이상 써 주세요."), body: z.string().min(1, "내용을 써 주세요.") });

function appThrowing(error: () => Error | null, only?: Parameters<typeof tryForm>[3]) {
  const app = express();
  app.locals.log = silentLogger;
  app.use(express.urlencoded({ extended: false }));
  app.post("/form", async (req, res) => {
    const typed = String((req.body as { title?: string }).title ?? "");
    const done = await tryForm(
      req,
      res,
      async () => {
        const data = parseForm(schema, req.body);
        const e = error();
        if (e) throw e;
        return data.title;
      },
      only,
    );
    if (!done.ok) return res.status(done.refusal.status).json({ form: true, typed, message: done.refusal.message, fields: done.refusal.fields });
    res.json({ saved: done.value });
  });
  app.use(errorHandler);
  return app;
}

describe("a form's refusal", () => {
  it("comes back on the form with every field's message and the text as typed", async () => {
    const res = await request(appThrowing(() => null)).post("/form").type("form").send({ title: "x", body: "" });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ form: true, typed: "x", message: "제목을 2자 이상 써 주세요. 내용을 써 주세요.", fields: { title: "제목을 2자 이상 써 주세요.", body: "내용을 써 주세요." } });
  });

  it("keeps the status of the domain error and sets Retry-After for a limit", async () => {
    const limited = await request(appThrowing(() => new RateLimitedError("잠시 후에 다시 써 주세요.", 42))).post("/form").type("form").send({ title: "제목", body: "내용" });
    expect(limited.status).toBe(429);
    expect(limited.headers["retry-after"]).toBe("42");
    expect(limited.body).toMatchObject({ form: true, typed: "제목", message: "잠시 후에 다시 써 주세요." });
    const refused = await request(appThrowing(() => new ForbiddenError("쓸 수 없습니다."))).post("/form").type("form").send({ title: "제목", body: "내용" });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ form: true, typed: "제목" });
  });

  it("sends a JSON client, a missing page, a refusal the form does not show and a fault to the error handler", async () => {
    const json = await request(appThrowing(() => null)).post("/form").set("Accept", "application/json").type("form").send({ title: "x", body: "" });
    expect(json.status).toBe(400);
    expect(json.body.error).toMatchObject({ code: "validation" });
    expect(json.body.form).toBeUndefined();
    const missing = await request(appThrowing(() => new NotFoundError())).post("/form").type("form").send({ title: "제목", body: "내용" });
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('"form"');
    const notShown = await request(appThrowing(() => new ForbiddenError("쓸 수 없습니다."), [ValidationError])).post("/form").type("form").send({ title: "제목", body: "내용" });
    expect(notShown.status).toBe(403);
    expect(notShown.text).not.toContain('"form"');
    const fault = await request(appThrowing(() => new Error("disk on fire"))).post("/form").type("form").send({ title: "제목", body: "내용" });
    expect(fault.status).toBe(500);
    expect(fault.text).not.toContain("disk on fire");
  });

  it("lets the action's value through when nothing is refused", async () => {
    const res = await request(appThrowing(() => null)).post("/form").type("form").send({ title: "제목", body: "내용" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ saved: "제목" });
  });
});
