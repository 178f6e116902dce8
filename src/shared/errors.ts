/**
 * The one error taxonomy of minhu. The engine throws DomainError subclasses with a stable
 * UPPER_SNAKE `code`; only the API's error handler maps kind and code to HTTP.
 *
 * kind:
 * - user: the caller did something not allowed or malformed (4xx, logged at info)
 * - operational: the environment failed (database down, bad configuration) (5xx, warn)
 * - unexpected: a bug (5xx, error, alert)
 *
 * Code that catches an error and throws a domain error in its place passes the caught one as
 * `cause` (ES2022 `Error.cause`): the log shows the chain (logger.ts serializes it), the client
 * never sees it (the API's problem document has only code, message and details).
 */
export type ErrorKind = 'user' | 'operational' | 'unexpected';

/** Broad class of a user error; the API maps it to a status. */
export type ErrorCategory =
  | 'validation'
  | 'not-found'
  | 'forbidden'
  | 'conflict'
  | 'rule'
  | 'unauthenticated'
  | 'throttled'
  | 'too-large'
  | 'internal';

export interface FieldIssue {
  /** Dotted path of the field, e.g. `data.reason` or `timeLimits.complaint`. */
  path: string;
  /** What was expected, in words. */
  message: string;
  /** A stable code for this one problem, when it has its own (e.g. SCRIPT_TASK_REFUSED). */
  code?: string;
}

/** What a subclass passes on besides code, message and details: the error it replaces. */
export interface CauseOption {
  /** The error caught and replaced by this one (a driver's unique violation, a parser's error). */
  cause?: unknown;
}

export interface DomainErrorOptions extends CauseOption {
  kind?: ErrorKind;
  category?: ErrorCategory;
  details?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly category: ErrorCategory;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, opts: DomainErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.kind = opts.kind ?? 'user';
    this.category = opts.category ?? 'rule';
    this.details = opts.details ?? {};
  }

  toJSON(): Record<string, unknown> {
    return { type: 'DomainError', code: this.code, message: this.message, details: this.details };
  }
}

/** Input that does not match what was expected; lists each field. */
export class ValidationError extends DomainError {
  readonly issues: FieldIssue[];
  constructor(code: string, message: string, issues: FieldIssue[], opts: CauseOption = {}) {
    super(code, message, { category: 'validation', details: { issues }, cause: opts.cause });
    this.issues = issues;
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}, opts: CauseOption = {}) {
    super(code, message, { category: 'not-found', details, cause: opts.cause });
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}, opts: CauseOption = {}) {
    super(code, message, { category: 'forbidden', details, cause: opts.cause });
  }
}

/** Someone else changed the thing first (a task already completed, a stale version). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}, opts: CauseOption = {}) {
    super(code, message, { category: 'conflict', details, cause: opts.cause });
  }
}

/** Who is asking is not known: no session, a wrong password, an expired or revoked token. */
export class UnauthenticatedError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}, opts: CauseOption = {}) {
    super(code, message, { category: 'unauthenticated', details, cause: opts.cause });
  }
}

/** Too many attempts: try again later. */
export class ThrottledError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}, opts: CauseOption = {}) {
    super(code, message, { category: 'throttled', details, cause: opts.cause });
  }
}

/** A business rule of the city's policy refuses the action (e.g. RETURN_WINDOW_CLOSED). */
export class RuleViolation extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}, opts: CauseOption = {}) {
    super(code, message, { category: 'rule', details, cause: opts.cause });
  }
}

/** The environment or configuration is wrong; the process should not go on. */
export class OperationalError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}, opts: CauseOption = {}) {
    super(code, message, { kind: 'operational', category: 'internal', details, cause: opts.cause });
  }
}

/** Something that must never happen: a bug. */
export class UnexpectedError extends DomainError {
  constructor(code: string, message: string, details: Record<string, unknown> = {}, opts: CauseOption = {}) {
    super(code, message, { kind: 'unexpected', category: 'internal', details, cause: opts.cause });
  }
}
