// The security headers (helmet's, with our CSP), worked out once at start-up and set in one
// step per response. Helmet is the source of truth for what they are; run per request it is a
// chain of a dozen middlewares setting the same constant headers (docs/decisions/0014).
import type { RequestHandler, Response } from "express";
import helmet from "helmet";

/** Strict-Transport-Security, sent over HTTPS only. */
export const HSTS = "max-age=31536000; includeSubDomains";

/** Helmet's headers with our CSP, as name, value pairs. */
export function securityHeaderPairs(): [string, string][] {
  const headers = new Map<string, string>();
  const collector = {
    setHeader: (name: string, value: string) => headers.set(name, value),
    removeHeader: () => {},
  } as unknown as Response;
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // helmet would send HSTS on plain HTTP too; it is sent below over HTTPS only.
    strictTransportSecurity: false,
    // Not "no-referrer" (helmet's default): with it, browsers send `Origin: null` on form
    // posts, and our Origin check could not tell our own forms from a foreign page's.
    referrerPolicy: { policy: "same-origin" },
  })({} as never, collector, () => {});
  return [...headers];
}

export function securityHeaders(): RequestHandler {
  const fixed = new Headers(securityHeaderPairs());
  return (req, res, next) => {
    res.setHeaders(fixed);
    // HSTS only over HTTPS (as Express sees it, through the trusted proxy hops).
    if (req.secure) res.setHeader("Strict-Transport-Security", HSTS);
    next();
  };
}
