// Domain errors carry a Korean message fit to show the user. Services throw them; the one
// error handler (error-handler.ts) maps them to a status code and a page or JSON.
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly code = "validation";
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly code = "unauthorized";
  constructor(message = "로그인이 필요합니다.") {
    super(message);
  }
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = "forbidden";
  constructor(message = "권한이 없습니다.") {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = "not_found";
  constructor(message = "요청하신 페이지를 찾을 수 없습니다.") {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = "conflict";
}

export class RateLimitedError extends DomainError {
  readonly status = 429;
  readonly code = "rate_limited";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
