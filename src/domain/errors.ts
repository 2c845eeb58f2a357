// What can go wrong in the domain, with a Korean message fit to show the user. Services and
// rules throw these; they know nothing of HTTP. Only the error handler
// (src/http/error-handler.ts) turns each kind into a status code and a page or JSON.
export abstract class DomainError extends Error {
  /** A stable, machine-readable name of the kind ("not_found", …), shown to JSON clients. */
  abstract readonly code: string;
}

/** Input that breaks a rule; `fieldErrors` says which field, for re-rendering a form. */
export class ValidationError extends DomainError {
  readonly code = "validation";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Only a signed-in member may do this. */
export class UnauthorizedError extends DomainError {
  readonly code = "unauthorized";
  constructor(message = "로그인이 필요합니다.") {
    super(message);
  }
}

/** This member may not do this (not theirs, not a juror, a blinded post …). */
export class ForbiddenError extends DomainError {
  readonly code = "forbidden";
  constructor(message = "권한이 없습니다.") {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = "not_found";
  constructor(message = "요청하신 페이지를 찾을 수 없습니다.") {
    super(message);
  }
}

/** The request clashes with what is already there (a second report, a decided appeal …). */
export class ConflictError extends DomainError {
  readonly code = "conflict";
}

/** Too much too fast (a daily cap, a per-minute limit); try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly code = "rate_limited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

// The things most often missing, each worded once.
export class NoSuchBoard extends NotFoundError {
  constructor() {
    super("존재하지 않는 종목 게시판입니다.");
  }
}

export class NoSuchPost extends NotFoundError {
  constructor() {
    super("존재하지 않는 게시글입니다.");
  }
}

export class NoSuchComment extends NotFoundError {
  constructor() {
    super("존재하지 않는 댓글입니다.");
  }
}

/** The company left the market: its board is kept for reading and takes nothing new. */
export class BoardDelisted extends ForbiddenError {
  constructor() {
    super("상장폐지된 종목의 토론실은 읽기만 할 수 있습니다. 새 글, 댓글, 추천/반대를 받지 않습니다.");
  }
}
