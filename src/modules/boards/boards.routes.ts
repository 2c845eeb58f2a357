// The board index (the home page): every board with its newest post.
import { Router } from "express";
import type { Ctx } from "../../context.ts";
import { listBoardsWithNewestPost } from "./boards.service.ts";

export function boardIndexRouter(ctx: Ctx): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    const boards = await listBoardsWithNewestPost(ctx);
    res.render("boards/index", { title: "종목토론실", boards });
  });
  return router;
}
