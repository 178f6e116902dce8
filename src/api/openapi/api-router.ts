import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { UnauthenticatedError, ValidationError } from '../../shared/errors';
import { assertStaff } from '../../engine/access/city-access';
import type { RequestAuth } from '../middleware/authenticate';
import { checkInputShape } from '../middleware/input-shape';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface ResponseSpec {
  description: string;
  /** JSON body schema; omit for no body. */
  schema?: z.ZodType;
  /** Content type when not JSON (e.g. application/xml). */
  contentType?: string;
}

/** What a handler receives: parsed, typed input and who asks. */
export interface Call<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  auth: RequestAuth | null;
  req: Request;
  res: Response;
}

export interface Operation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** Express path, e.g. `/api/orders/:id`. */
  path: string;
  summary: string;
  tag: string;
  /** Needs a logged-in user or token (default true). */
  auth?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** Extra request headers to document (e.g. Idempotency-Key). */
  headers?: Record<string, { description: string; required?: boolean }>;
  responses: Record<number, ResponseSpec>;
  /**
   * A body that is not JSON (a file's bytes): its parser runs on this route only, after the login
   * is checked, so nobody streams a large body without one; the handler reads `req.body`.
   */
  rawBody?: { description: string; parser: RequestHandler };
  /** Returns the JSON body (status 200, or `status`), or handles `res` itself and returns undefined. */
  handler: (call: Call<z.infer<P>, z.infer<Q>, z.infer<B>>) => unknown;
  status?: number;
}

type AnyOperation = Operation<z.ZodType, z.ZodType, z.ZodType>;

function parsePart<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  checkInputShape(value, where);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.flatMap((i) =>
    // An unknown key is named by its own path (query.x), not its object's (query).
    i.code === 'unrecognized_keys'
      ? i.keys.map((key) => ({ path: [where, ...i.path, key].join('.'), message: `unknown ${where === 'query' ? 'parameter' : 'field'}` }))
      : [{ path: [where, ...i.path].join('.'), message: i.message }],
  );
  throw new ValidationError('REQUEST_INVALID', `the request is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/** What a partner's session or token may use besides Open311: its own session and API tokens. */
const PARTNER_PATHS = ['/api/session', '/api/tokens'];

function partnerMayUse(path: string): boolean {
  return PARTNER_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

export function requireAuth(auth: RequestAuth | null): asserts auth is RequestAuth {
  if (!auth) throw new UnauthenticatedError('AUTH_REQUIRED', 'log in (POST /api/session) or send Authorization: Bearer <token>');
}

/**
 * The API's routes and their OpenAPI description, declared together: each operation is an
 * express route (thin: parse, one service call) and an OpenAPI operation from the same schemas,
 * so the document cannot drift from the code.
 */
export class ApiRouter {
  readonly router = Router();
  readonly operations: AnyOperation[] = [];

  add<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(op: Operation<P, Q, B>): void {
    this.operations.push(op as unknown as AnyOperation);
    const gate = (req: Request): RequestAuth | null => {
      const auth = (req as Request & { auth?: RequestAuth }).auth ?? null;
      if (op.auth !== false) {
        requireAuth(auth);
        if (!partnerMayUse(op.path)) assertStaff(auth.actor, `use ${op.method.toUpperCase()} ${op.path}`);
      }
      return auth;
    };
    const handler: RequestHandler = async (req, res) => {
      const auth = gate(req);
      const call = {
        params: parsePart(op.params, req.params, 'params'),
        query: parsePart(op.query, req.query, 'query'),
        body: parsePart(op.body, req.body ?? {}, 'body'),
        auth,
        req,
        res,
      };
      const result = await op.handler(call);
      if (result === undefined || res.headersSent) return;
      res.status(op.status ?? 200).json(result);
    };
    const gated: RequestHandler = (req, _res, next) => {
      gate(req);
      next();
    };
    this.router[op.method](op.path, ...(op.rawBody ? [gated, op.rawBody.parser] : []), handler);
  }
}
