// Health for load balancers and orchestrators, answered before sessions, the page cache and
// rate limits, in JSON:
//   /healthz — the process answers (liveness);
//   /readyz  — the database answers and is fully migrated, and Redis answers when configured
//              (and says whether the change feed between instances is connected);
//              503 from the moment a SIGTERM arrives, so the balancer stops sending requests
//              before the listener closes (src/server.ts).
import type { RequestHandler } from "express";
import type { Logger } from "../lib/log.ts";

export type Check = () => Promise<void>;

export interface Readiness {
  checks: Record<string, Check>;
  /** True once the server is shutting down. */
  draining: () => boolean;
}

const CHECK_TIMEOUT_MS = 900; // the whole answer within a second

function bounded(check: Check): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${CHECK_TIMEOUT_MS} ms`), CHECK_TIMEOUT_MS);
  });
  const run = check().then(
    () => "ok",
    (error: unknown) => reason(error),
  );
  return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A failed check's reason in a few fixed words: /readyz is reachable by anyone the proxy lets
 * through, and a driver's message can name files, hosts or users. The cause itself goes to the
 * log (`runChecks`' caller).
 */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  if ((error as { code?: unknown } | null)?.code === "SQLITE_BUSY" || /locked|busy/i.test(message)) return "locked";
  const pending = /^\d+ migration\(s\) pending$/.exec(message);
  return pending ? pending[0] : "unavailable";
}

/** Runs every check at once, each bounded: whether all passed, and each one's answer. */
export async function runChecks(
  checks: Record<string, Check>,
  onFailure: (name: string, error: unknown) => void = () => {},
): Promise<{ ready: boolean; detail: Record<string, string> }> {
  const names = Object.keys(checks);
  const results = await Promise.all(
    names.map((name) =>
      bounded(() =>
        checks[name]!().catch((error: unknown) => {
          onFailure(name, error);
          throw error;
        }),
      ),
    ),
  );
  return { ready: results.every((r) => r === "ok"), detail: Object.fromEntries(names.map((name, i) => [name, results[i]!])) };
}

export function healthRoutes({ checks, draining, log, details = () => ({}) }: Readiness & { log: Pick<Logger, "warn">; details?: () => Record<string, string> }): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    if (req.path === "/healthz") {
      res.set("Cache-Control", "no-store").json({ status: "ok" });
      return;
    }
    if (req.path !== "/readyz") return next();
    res.set("Cache-Control", "no-store");
    if (draining()) {
      res.status(503).json({ status: "draining" });
      return;
    }
    void runChecks(checks, (name, error) => log.warn({ check: name, err: error instanceof Error ? error.message : String(error) }, "not ready")).then(
      ({ ready, detail }) => {
        res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", checks: detail, ...details() });
      },
    );
  };
}
