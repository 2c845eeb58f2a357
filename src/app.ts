// createApp(): the middleware order, the module routers, 404 and the one error handler.
// It never listens; src/server.ts does, and tests hand it to supertest.
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import express from "express";
import { blockedLocals, blocksRouter } from "./modules/blocks/blocks.routes.ts";
import { followLocals, followsHomeLocals, followsRouter } from "./modules/follows/follows.routes.ts";
import { mailSettings, publicOrigin, type Env } from "./config/env.ts";
import { createMailer, type Mailer } from "./lib/mailer.ts";
import type { Ctx } from "./context.ts";
import { projectRoot as root } from "./lib/project-root.ts";
import { assetUrls, staticFiles } from "./http/assets.ts";
import { loadUser, requireUserForWrites } from "./http/auth.ts";
import { signalReader } from "./http/client-signals.ts";
import { csrf as csrfFor } from "./http/csrf.ts";
import { errorHandler, notFoundHandler } from "./http/error-handler.ts";
import { refuseIllFormedText } from "./http/parse.ts";
import { pageLocals, templateHelpers } from "./http/locals.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { PageCache } from "./http/page-cache.ts";
import { cacheHits } from "./http/cache-hit.ts";
import compression from "compression";
import { viewRenderer } from "./http/views.ts";
import {
  DEFAULT_RATE_LIMITS,
  rateLimiters,
  scaledLimits,
  type RateLimits,
  type StoreFactory,
} from "./http/rate-limit.ts";
import { sessionMiddleware, sessionSecret } from "./http/session.ts";
import { driverFor } from "./db/driver.ts";
import { healthRoutes, runChecks, type Check } from "./http/health.ts";
import { Metrics } from "./http/metrics.ts";
import { requestLogger } from "./http/request-log.ts";
import type { Logger } from "./lib/log.ts";
import { accountsPublicRouter, accountsRouter, activeMembersOnly, policyNoticeLocals, signInToContinueRouter, signOutRouter } from "./modules/accounts/accounts.routes.ts";
import { recoveryRouter } from "./modules/accounts/recovery.routes.ts";
import { twoStepRouter } from "./modules/accounts/two-step.routes.ts";
import { personalDataRouter } from "./modules/personal-data/personal-data.routes.ts";
import { countLiveSessions } from "./modules/accounts/sessions.queries.ts";
import { sessionRows } from "./modules/accounts/sessions.service.ts";
import { boardIndexRouter } from "./modules/boards/boards.routes.ts";
import { priceHeaderLocals } from "./modules/quotes/quotes.routes.ts";
import { ALERTS } from "./modules/boards/alerts.rules.ts";
import { priceSince } from "./modules/quotes/quotes.rules.ts";
import { HOLDINGS, STANCES } from "./modules/posts/stance.rules.ts";
import { dartViewerUrl } from "./modules/disclosures/disclosures.rules.ts";
import { disclosureLocals, disclosuresRouter } from "./modules/disclosures/disclosures.routes.ts";
import { apiRouter } from "./modules/api/api.routes.ts";
import { openApiDocument } from "./modules/api/openapi.routes.ts";
import { feedsRouter } from "./modules/feeds/feeds.routes.ts";
import { COMMENT_MAX } from "./modules/comments/comments.rules.ts";
import { JURY_QUORUM, JURY_SIZE } from "./modules/jury/jury.rules.ts";
import { APPEAL_REASON_MAX } from "./modules/jury/appeals.rules.ts";
import { appealsRouter, juryPageRouter, opinionsRouter } from "./modules/jury/jury.routes.ts";
import { commentsRouter } from "./modules/comments/comments.routes.ts";
import { postPageRouter } from "./modules/post-page/post-page.routes.ts";
import { reportsRouter } from "./modules/moderation/moderation.routes.ts";
import { adminRouter, moderationLogRouter, operatorOnly } from "./modules/operators/operators.routes.ts";
import { FLAGGED_FOR_JURY, REPORT_REASON_MAX } from "./modules/moderation/moderation.rules.ts";
import { notificationsRouter, unreadNotificationsLocal } from "./modules/notifications/notifications.routes.ts";
import { profilesRouter } from "./modules/profiles/profiles.routes.ts";
import { BODY_MAX, TITLE_MAX } from "./modules/posts/posts.rules.ts";
import { postListRouter, postWritingRouter } from "./modules/posts/posts.routes.ts";
import { ViewCounter } from "./modules/viewcounts/viewcounts.service.ts";
import { voteAfterSignIn, votesRouter } from "./modules/votes/votes.routes.ts";
import { LiveHub } from "./modules/live/hub.service.ts";
import { commentRenderer, liveStreams } from "./modules/live/live.routes.ts";
import type { BroadcastStatus } from "./lib/broadcast.ts";

// Form bodies: a 6000-character post is well under this even in 4-byte emoji, URL-encoded.
const BODY_LIMIT = "256kb";

export interface AppDeps extends Ctx {
  env: Env;
  rateLimits?: RateLimits; // DEFAULT_RATE_LIMITS unless a test relaxes them
  rateLimitStore?: StoreFactory; // in-process counters unless given a shared store
  redisPing?: Check; // with a shared Redis, /readyz asks it too
  mailer?: Mailer; // SMTP or the outbox folder from the settings unless a test gives one
  changeFeed?: () => BroadcastStatus; // the relay between instances (src/server.ts); one process unless given
}

export interface App extends express.Express {
  locals: express.Express["locals"] & {
    viewCounter: ViewCounter;
    pageCache: PageCache;
    assets: Record<string, string>;
    /** Set by the server on SIGTERM: /readyz answers 503 from then on. */
    draining: boolean;
    log: Logger;
    mailer: Mailer;
    /** The open pages' streams: the server ends them before it stops. */
    live: LiveHub;
  };
}

export function createApp(appDeps: AppDeps): App {
  const { env } = appDeps;
  const secret = sessionSecret(env);
  const app = express() as App;
  app.locals.draining = false;
  app.locals.log = appDeps.log; // the error handler's, for lines about one request
  // What /readyz asks (and jongto_ready reports).
  const checks: Record<string, Check> = {
    database: driverFor(env.DATABASE_URL).readiness(appDeps.sql),
    ...(appDeps.redisPing ? { redis: appDeps.redisPing } : {}),
  };
  const changeFeed = appDeps.changeFeed ?? (() => ({ transport: "process", up: true }) as BroadcastStatus);
  let liveStreamCount = () => 0;
  const metrics = new Metrics({
    events: appDeps.events,
    liveStreams: () => liveStreamCount(),
    changeFeedUp: () => changeFeed().up,
    ready: async () => !app.locals.draining && (await runChecks(checks)).ready,
    viewQueue: () => app.locals.viewCounter.queue(),
    pageCache: () => app.locals.pageCache.stats,
    sessions: () => countLiveSessions(appDeps, new Date()),
  });
  // Every raw-SQL read and transaction is timed for /metrics.
  const deps: AppDeps = { ...appDeps, sql: metrics.timed(appDeps.sql) };
  const outbox = { mailer: appDeps.mailer ?? createMailer(mailSettings(env), appDeps.log), origin: publicOrigin(env) };
  app.locals.mailer = outbox.mailer;
  const viewCounter = new ViewCounter(deps, (error) => deps.log.error({ err: error }, "view counting failed"));
  app.locals.viewCounter = viewCounter;
  const pageCache = new PageCache(env.PAGE_CACHE === "on", deps.changes, () => deps.clock().getTime());
  app.locals.pageCache = pageCache;
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY); // a hop count, never `true`
  const production = env.NODE_ENV === "production";
  app.set("views", path.join(root, "views"));
  app.set("view engine", "ejs");
  app.set("view cache", production);
  // EJS's line tracking (for error messages) slows every render; production does without it.
  app.engine("ejs", viewRenderer({ root: path.join(root, "views"), cache: production, compileDebug: !production }).engine);
  // Pages change with every view and vote, so an ETag (a SHA-1 of each page) would cost
  // more than the rare 304 it earns. Static files keep theirs.
  app.set("etag", false);

  app.use(securityHeaders());
  // One log line and one duration sample per request, page-cache hits and live streams included.
  const logRequests = requestLogger(deps.log, env.TRUST_PROXY, metrics.observeRequest);
  app.use(logRequests);
  // Health and metrics: no session, no cache, no rate limit.
  // The change feed is a detail, not a condition: while it is down the page copies live their
  // one second and streams wait, but every request is still answered correctly.
  const details = () => {
    const feed = changeFeed();
    return { changeFeed: `${feed.transport}: ${feed.up ? "connected" : "down (page copies live one second)"}` };
  };
  app.use(healthRoutes({ checks, draining: () => app.locals.draining, log: deps.log, details }));
  app.use(metrics.route(env.METRICS_TOKEN));
  // gzip for what the client accepts; the page cache sends its copies compressed already.
  app.use(compression({ threshold: 1024 }));
  const publicDir = path.join(root, "public");
  // Only asset paths reach the file system: a static handler in front of every page would
  // stat() the disk (on libuv's thread pool) for each request before routing it.
  app.use(["/css", "/js"], staticFiles(publicDir));
  // The icon browsers ask for at the root (no 404 in a console); robots.txt is the feeds router's.
  app.get("/favicon.svg", staticFiles(publicDir));
  const limits = rateLimiters(
    deps.rateLimits ?? scaledLimits(DEFAULT_RATE_LIMITS, env.RATE_LIMIT_SCALE),
    deps.rateLimitStore,
    (limiter, req) => deps.events.record("rate_limited", { limiter, requestId: req.id, userId: req.session?.user?.id }),
  );
  // Other software's reads: the JSON API, Atom feeds, sitemaps and robots.txt. Before the
  // session and cookie middleware, so they never read or set a cookie.
  app.use(apiRouter(deps, { limits: limits.open, openApi: openApiDocument() }));
  app.use(feedsRouter(deps, { publicOrigin: publicOrigin(env), root, limits: limits.open }));
  app.locals.assets = assetUrls(publicDir, ["css/board.css", "js/app.js"]);
  // The numbers the rules use, for the pages that state them (`글 내리기 N/4`, `N / 1000` …).
  app.locals.limits = { TITLE_MAX, BODY_MAX, COMMENT_MAX, JURY_QUORUM, JURY_SIZE, REPORT_REASON_MAX, FLAGGED_FOR_JURY, APPEAL_REASON_MAX };
  Object.assign(app.locals, templateHelpers); // URL builders, date formatting: the same for every page
  // The stock beside the talk: the header's 시장경보 and 공시, a post's price then and now, 본인 표시.
  Object.assign(app.locals, { marketAlerts: ALERTS, dartViewerUrl, priceSince, selfStated: { holdings: HOLDINGS, stances: STANCES } });
  app.use(pageLocals(deps.clock));
  // Bodies come with POST only. extended: false parses with node's querystring: no nested
  // objects, and a repeated key becomes an array, which the zod schemas refuse with 400.
  const parseForm = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 50 });
  const parseJson = express.json({ limit: BODY_LIMIT });
  app.use((req, res, next) => (req.method === "POST" ? parseForm(req, res, (error) => (error ? next(error) : parseJson(req, res, next))) : next()));
  app.use(refuseIllFormedText);
  const session = sessionMiddleware(secret, sessionRows(deps));
  app.use(session);
  app.use(loadUser);
  app.use(policyNoticeLocals); // a new 약관·개인정보 처리방침 version: the signed-in member is told
  app.use(unreadNotificationsLocal(deps)); // the header's 알림 count, signed in only
  app.use(blockedLocals(deps)); // whom a signed-in reader blocks: the pages fold their writing
  app.use(followsHomeLocals(deps)); // the home page's 내 관심종목, signed in only
  const csrf = csrfFor(secret);
  const signals = signalReader(secret); // the keyed network and browser signals of sign-ins and votes
  app.use(csrf.locals);

  // Reading, and the forms an anonymous visitor uses (sign-in, sign-up: own CSRF check).
  app.use(boardIndexRouter(deps));
  app.use(priceHeaderLocals(deps)); // the header's prices on every board page
  app.use(disclosureLocals(deps)); // and today's 공시
  app.use(followLocals(deps)); // the header's 관심종목 button, signed in only
  app.use(postListRouter(deps, pageCache));
  app.use(postPageRouter(deps, { viewCounter, secret, pageCache }));
  app.use(juryPageRouter(deps, pageCache));
  app.use(disclosuresRouter(deps, pageCache));
  app.use(accountsPublicRouter(deps, { csrf: { ...csrf.anonymous, issue: csrf.issue }, secret, limits, signals, voteAfterSignIn: voteAfterSignIn(deps, signals), outbox }));
  app.use(recoveryRouter(deps, { csrf: csrf.anonymous, limits, outbox }));
  app.use(moderationLogRouter(deps));
  app.use(profilesRouter(deps));
  // Operators only: anyone else, signed in or not, finds nothing here (404) and changes nothing.
  app.use("/admin", operatorOnly(deps), csrf.protect, adminRouter(deps));

  // Everything below changes state only for a signed-in user with a valid CSRF token, and
  // (but signing out) only for a member in good standing: a suspension ends the sessions, and
  // one that outlived it by a moment is refused here and ended.
  // A signed-out form that carries text or a vote gets the sign-in page holding it.
  app.use(signInToContinueRouter(csrf.anonymous));
  app.use(requireUserForWrites);
  app.use(csrf.protect);
  app.use(signOutRouter());
  app.use(activeMembersOnly(deps));
  app.use(accountsRouter(deps, limits, outbox));
  app.use(twoStepRouter(deps, limits));
  app.use(personalDataRouter(deps, limits));
  app.use(postWritingRouter(deps, limits));
  app.use(commentsRouter(deps, limits));
  app.use(votesRouter(deps, limits, signals));
  app.use(opinionsRouter(deps, limits));
  app.use(appealsRouter(deps, limits));
  app.use(reportsRouter(deps, limits));
  app.use(notificationsRouter(deps));
  app.use(followsRouter(deps, limits));
  app.use(blocksRouter(deps, limits));

  app.use(notFoundHandler);
  app.use(errorHandler);

  // Page-cache hits and the open pages' streams are answered before Express, where every
  // request enters it (http.createServer(app), app.listen, supertest all call app.handle). A
  // hit is bytes in memory, and Express's routing and middleware would cost it several times
  // the answer (src/http/cache-hit.ts). A stream lives for minutes, and what Express and the
  // page middleware leave on a request would double what 10,000 of them hold
  // (src/modules/live/live.routes.ts). Both are still logged and measured.
  const hit = cacheHits(pageCache, { trustedHops: env.TRUST_PROXY, watch: logRequests.watch, onError: (error) => deps.log.error({ err: error }, "page-cache hit failed") });
  const live = new LiveHub(
    deps,
    commentRenderer((view, locals) => new Promise((resolve, reject) => app.render(view, locals, (err, html) => (err ? reject(err) : resolve(html!)))), deps.clock),
    (error) => deps.log.error({ err: error }, "live stream failed"),
  );
  app.locals.live = live;
  const streams = liveStreams(
    deps,
    live,
    { maxStreams: env.LIVE_STREAMS_MAX, perClient: env.LIVE_STREAMS_PER_IP, heartbeatMs: env.LIVE_HEARTBEAT_SECONDS * 1000 },
    {
      signedIn: (req, res, next) => session(req as express.Request, res as express.Response, next),
      logged: (req, res) => {
        (req as IncomingMessage & { id?: string }).id = logRequests.watch(req, res as ServerResponse & { locals: { stream: true } });
      },
      log: deps.log,
      trustedHops: env.TRUST_PROXY,
    },
  );
  liveStreamCount = streams.streams;
  const routed = app as unknown as { handle: (req: IncomingMessage, res: ServerResponse, done?: unknown) => void };
  const expressHandle = routed.handle.bind(app);
  routed.handle = (req, res, done) => {
    if (!hit(req, res) && !streams.handle(req, res)) expressHandle(req, res, done);
  };
  return app;
}
