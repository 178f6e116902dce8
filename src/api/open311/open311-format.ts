import type { ErrorRequestHandler, Response } from 'express';
import { create } from 'xmlbuilder2';
import { DomainError, ErrorCategory, ValidationError } from '../../shared/errors';
import type { Logger } from '../../shared/logger';

export type Format = 'json' | 'xml';
export const FORMATS: readonly Format[] = ['json', 'xml'];
export const XML_CONTENT_TYPE = 'text/xml; charset=utf-8';

type Scalar = string | number | boolean | null;
/** One GeoReport item: flat fields of plain values. */
type Row<T> = { [K in keyof T]: Scalar };

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * GeoReport's XML: the declaration with UTF-8, a root (`services`, `service_requests`,
 * `errors`), one element per row and one child per field; null is an empty element.
 * xmlbuilder2 escapes every text (`<` → `&lt;`, `&` → `&amp;`).
 */
export function toXml<T extends Row<T>>(root: string, item: string, rows: readonly T[]): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele(root);
  for (const row of rows) {
    const element = doc.ele(item);
    for (const [name, value] of Object.entries(row as Record<string, Scalar>)) {
      const child = element.ele(name);
      if (value !== null) child.txt(String(value).replace(NOT_XML, ''));
    }
  }
  return doc.end({ prettyPrint: true });
}

/** Sends rows as a JSON array or as GeoReport XML. */
export function send<T extends Row<T>>(
  res: Response,
  format: Format,
  status: number,
  root: string,
  item: string,
  rows: readonly T[],
): undefined {
  if (format === 'xml')
    res
      .status(status)
      .type(XML_CONTENT_TYPE)
      .send(toXml(root, item, rows));
  else res.status(status).json(rows);
  return undefined;
}

export function formatOf(path: string): Format {
  return path.endsWith('.xml') ? 'xml' : 'json';
}

/** GeoReport's statuses: 404 for what does not exist, 403 for a missing or wrong api_key, 400 for the rest. */
const STATUS: Partial<Record<ErrorCategory, number>> = {
  validation: 400,
  rule: 400,
  conflict: 400,
  'not-found': 404,
  forbidden: 403,
  unauthenticated: 403,
  'too-large': 413,
  throttled: 429,
};

/** Errors of the form body parser (http-errors with a `type`), as domain errors. */
function fromBodyParser(err: unknown): unknown {
  const e = err as { type?: unknown; status?: unknown } | null;
  if (typeof e?.type !== 'string' || typeof e.status !== 'number') return err;
  if (e.status === 413)
    return new DomainError('BODY_TOO_LARGE', 'the request body is larger than allowed', { category: 'too-large' });
  return new ValidationError('BODY_MALFORMED', 'the request body could not be read', [
    { path: 'body', message: 'expected application/x-www-form-urlencoded (UTF-8) or JSON' },
  ]);
}

/** `body.description` → `description`: GeoReport fields are flat. */
function fieldName(path: string): string {
  return path.replace(/^(body|query|params)\./, '');
}

/**
 * The Open311 endpoints answer errors in GeoReport's format — `[{code, description}]` or
 * `<errors><error>…` — in the format the path asks for. Each invalid field is its own error,
 * named first. Internal errors go on to the API's error handler (500 with an error id).
 */
export function open311ErrorHandler(logger: Logger): ErrorRequestHandler {
  return (thrown: unknown, req, res, next) => {
    const err = fromBodyParser(thrown);
    const status = err instanceof DomainError && err.kind === 'user' ? STATUS[err.category] : undefined;
    if (!(err instanceof DomainError) || status === undefined) return next(thrown);
    logger.info({ code: err.code, path: req.path }, err.message);
    const errors =
      err instanceof ValidationError && err.issues.length
        ? err.issues.map((i) => ({ code: status, description: `${fieldName(i.path)}: ${i.message}` }))
        : [{ code: status, description: err.message }];
    send(res, formatOf(req.path), status, 'errors', 'error', errors);
  };
}
