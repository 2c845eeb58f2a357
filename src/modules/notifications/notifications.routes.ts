// /notifications: the list (signed in), opening one, and 모두 읽음; and the header's unread
// count on every signed-in page.
import { Router, type RequestHandler } from "express";
import type { Ctx } from "../../context.ts";
import { requireUser } from "../../http/auth.ts";
import { wantsJson } from "../../http/error-handler.ts";
import { pageQuery, parseIdParam, parseOr400 } from "../../http/parse.ts";
import { pageBlock } from "../../lib/pagination.ts";
import { paths } from "../../lib/paths.ts";
import { headerUnreadCount, listNotifications, markAllRead, openNotification } from "./notifications.service.ts";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      unreadNotifications: number; // the header's 알림 count
    }
  }
}

/** res.locals.unreadNotifications for a signed-in page (one indexed count); nothing for readers. */
export function unreadNotificationsLocal(ctx: Ctx): RequestHandler {
  return async (req, res, next) => {
    const user = req.session?.user;
    res.locals.unreadNotifications = user && req.method === "GET" ? await headerUnreadCount(ctx, user.id) : 0;
    next();
  };
}

/** Mounted behind the sign-in and CSRF guards. */
export function notificationsRouter(ctx: Ctx): Router {
  const router = Router();

  router.get("/notifications", requireUser, async (req, res) => {
    const { page = 1 } = parseOr400(pageQuery, req.query);
    const list = await listNotifications(ctx, req.session.user!.id, page);
    res.render("notifications/list", { title: "알림", list, blocks: pageBlock(list.page, list.totalPages) });
  });

  router.get("/notifications/:id", requireUser, async (req, res) => {
    res.redirect(303, await openNotification(ctx, req.session.user!.id, parseIdParam(req.params.id)));
  });

  router.post("/notifications/read-all", async (req, res) => {
    const marked = await markAllRead(ctx, req.session.user!.id);
    if (wantsJson(req)) return res.json({ marked, unread: 0 });
    res.redirect(303, paths.notifications());
  });

  return router;
}
