// /users/:id — a member's public profile with the 작성글 and 작성댓글 tabs.
import { Router } from "express";
import { z } from "zod";
import type { Ctx } from "../../context.ts";
import { parseIdParam, parseOr400 } from "../../http/parse.ts";
import { profileComments, profilePosts, readProfile } from "./profiles.service.ts";

const profileQuery = z.object({
  tab: z.enum(["posts", "comments"], { error: "없는 탭입니다." }).optional(),
  before: z.string().regex(/^[1-9][0-9]{0,9}$/, "페이지 번호가 올바르지 않습니다.").transform(Number).optional(),
});

export function profilesRouter(ctx: Ctx): Router {
  const router = Router();
  router.get("/users/:id", async (req, res) => {
    const userId = parseIdParam(req.params.id);
    const { tab = "posts", before } = parseOr400(profileQuery, req.query);
    const profile = await readProfile(ctx, userId);
    const list = tab === "posts" ? await profilePosts(ctx, userId, before) : await profileComments(ctx, userId, before);
    res.render("profiles/profile", { title: `${profile.nickname}님의 활동`, profile, tab, list, paged: before !== undefined });
  });
  return router;
}
