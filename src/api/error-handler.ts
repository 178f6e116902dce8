import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler } from 'express';
import { DomainError, ErrorCategory, NotFoundError, ValidationError } from '../shared/errors';
import type { Logger } from '../shared/logger';
import { logFailure } from '../shared/log-failure';

const STATUS: Record<ErrorCategory, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  rule: 422,
  throttled: 429,
  'too-large': 413,
  internal: 500,
};

/** express.json's own errors (too large, not JSON) as domain errors, so they get the same shape. */
function fromBodyParser(err: unknown): unknown {
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') return new DomainError('BODY_TOO_LARGE', 'the request body is larger than allowed', { category: 'too-large' });
  if (type === 'entity.parse.failed') {
    return new ValidationError('BODY_MALFORMED', 'the request body is not valid JSON', [{ path: 'body', message: 'expected a JSON document' }]);
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ValidationError('BODY_MALFORMED', 'the request body has an unsupported encoding', [{ path: 'body', message: 'expected UTF-8' }]);
  }
  return fromStaticFiles(err);
}

/**
 * serve-static's refusals (http-errors with `expose`): a missing file or a path outside the
 * folder (`..%2f`) is a 404 problem like any unknown resource, an undecodable path a 400.
 */
function fromStaticFiles(err: unknown): unknown {
  const e = err as { expose?: unknown; statusCode?: unknown } | null;
  if (e?.expose !== true || typeof e.statusCode !== 'number') return err;
  if (e.statusCode === 403 || e.statusCode === 404) return new NotFoundError('NOT_FOUND', 'no such file');
  if (e.statusCode === 400) return new ValidationError('PATH_MALFORMED', 'the path is not a valid URL path', [{ path: 'path', message: 'expected a URL-encoded path' }]);
  return err;
}

/** The error's machine-readable facts (CALLER_BLOCKED: until, reason), when it has any; field errors go in `errors`. */
function problemDetails(err: DomainError): { details?: Record<string, unknown> } {
  return Object.keys(err.details).length > 0 ? { details: err.details } : {};
}

/**
 * The one place errors become HTTP: RFC 9457 problem+json with the engine's stable code.
 * Unknown errors are a 500 with an error id that is also in the log; no stack reaches the client.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (thrown: unknown, req, res, _next) => {
    const err = fromBodyParser(thrown);
    if (err instanceof DomainError && err.kind === 'user') {
      logger.info({ code: err.code, path: req.path }, err.message);
      const retryAfter = err.details.retryAfterSeconds;
      if (err.category === 'throttled' && typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
      res
        .status(STATUS[err.category])
        .type('application/problem+json')
        .json({
          type: `urn:minhu:error:${err.code}`,
          title: err.code,
          status: STATUS[err.category],
          detail: err.message,
          code: err.code,
          ...(err instanceof ValidationError ? { errors: err.issues } : problemDetails(err)),
        });
      return;
    }
    const errorId = randomUUID();
    logFailure(logger, err, 'request failed', { errorId, path: req.path });
    res.status(500).type('application/problem+json').json({
      type: 'urn:minhu:error:INTERNAL',
      title: 'INTERNAL',
      status: 500,
      detail: `internal error; quote error id ${errorId}`,
      code: err instanceof DomainError ? err.code : 'INTERNAL',
      errorId,
    });
  };
}
