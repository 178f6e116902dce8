import { DomainError } from './errors';
import type { Logger } from './logger';

/** Node's errno codes of a network that failed: the database restarting, a host away. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * PostgreSQL's SQLSTATEs of an environment that failed or a transient conflict: connection
 * exceptions (08…), insufficient resources (53…), operator intervention such as a shutdown
 * (57P…), and a serialization failure or deadlock (40001, 40P01) that a retry gets past.
 */
const TRANSIENT_SQLSTATE = /^(08|53|57P|40001$|40P01$)/;

/** What node-postgres throws, without a code, when a connection ends under it. */
const CONNECTION_LOST = /^(Connection terminated|timeout exceeded when trying to connect)/;

const MAX_DEPTH = 10;

/** The error and its causes, outermost first (a cycle or a deep chain is cut). */
function chainOf(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = err; e !== undefined && e !== null && chain.length < MAX_DEPTH && !chain.includes(e); ) {
    chain.push(e);
    e = e instanceof Error ? e.cause : undefined;
  }
  return chain;
}

function isEnvironmentFailure(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || TRANSIENT_SQLSTATE.test(code))) return true;
  return CONNECTION_LOST.test(e.message);
}

/**
 * Whether a failure is operational (the environment's, or a refusal: warn) rather than a bug
 * (error). A network or database failure anywhere in the cause chain makes it operational; else
 * the outermost domain error decides by its kind (`unexpected` is a bug); any other error is a bug.
 */
export function isOperationalFailure(err: unknown): boolean {
  const chain = chainOf(err);
  if (chain.some(isEnvironmentFailure)) return true;
  const domain = chain.find((e): e is DomainError => e instanceof DomainError);
  return domain !== undefined && domain.kind !== 'unexpected';
}

/**
 * Logs a failure once, at the level its kind calls for: warn for an operational failure (a job
 * that failed and is tried again, a database away, a step over its budget), error for a bug.
 * The error goes under `err`, so the logger's serializer writes its cause chain.
 */
export function logFailure(logger: Logger, err: unknown, message: string, fields: Record<string, unknown> = {}): void {
  const level = isOperationalFailure(err) ? 'warn' : 'error';
  logger[level]({ ...fields, err }, message);
}
