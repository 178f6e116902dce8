import { Writable } from 'node:stream';
import { ConflictError, OperationalError, UnexpectedError } from '../../../src/shared/errors';
import { isOperationalFailure, logFailure } from '../../../src/shared/log-failure';
import { createLogger } from '../../../src/shared/logger';
import { StepBudgetExceededError } from '../../../src/engine/process/step-budget';

/** A logger whose JSON lines are kept, parsed, for the test to read. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));
      done();
    },
  });
  return { logger: createLogger('info', sink), lines };
}

/** What node-postgres throws when the server is away (a plain Error with the errno code). */
function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111 });
}

const WARN = 40;
const ERROR = 50;

describe('logFailure', () => {
  it('logs an operational failure at warn, with the cause chain serialized', () => {
    const { logger, lines } = capturingLogger();
    const driver = connectionRefused();
    const err = new OperationalError('DATABASE_UNREACHABLE', 'cannot reach PostgreSQL at 127.0.0.1:5432/postgres', { database: 'pg' }, { cause: driver });
    logFailure(logger, err, 'job failed (it is tried again with a backoff)', { job: 'deadline:1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: WARN,
      msg: 'job failed (it is tried again with a backoff)',
      job: 'deadline:1',
      err: {
        type: 'OperationalError',
        code: 'DATABASE_UNREACHABLE',
        message: 'cannot reach PostgreSQL at 127.0.0.1:5432/postgres',
        cause: { type: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' },
      },
    });
    expect((lines[0]?.err as { cause: { stack?: string } }).cause.stack).toContain('connectionRefused');
  });

  it('keeps every link of a longer chain', () => {
    const { logger, lines } = capturingLogger();
    const unique = Object.assign(new Error('duplicate key value violates unique constraint "tasks_pkey"'), { code: '23505' });
    const conflict = new ConflictError('TASK_EXISTS', 'task t-1 already exists', { taskId: 't-1' }, { cause: unique });
    const wrapped = new UnexpectedError('PROCESS_FAILED', 'process p failed', {}, { cause: conflict });
    logFailure(logger, wrapped, 'step failed');
    expect(lines[0]).toMatchObject({
      err: { code: 'PROCESS_FAILED', cause: { code: 'TASK_EXISTS', details: { taskId: 't-1' }, cause: { code: '23505' } } },
    });
  });

  it('logs a bug at error: a TypeError, an UnexpectedError', () => {
    const { logger, lines } = capturingLogger();
    logFailure(logger, new TypeError("Cannot read properties of undefined (reading 'id')"), 'job failed');
    logFailure(logger, new UnexpectedError('TASK_POLICY_MISSING', 'no task'), 'job failed');
    expect(lines.map((l) => l.level)).toEqual([ERROR, ERROR]);
  });

  it('counts a lost connection anywhere in the chain as operational, even under an UnexpectedError', () => {
    expect(isOperationalFailure(new UnexpectedError('PROCESS_FAILED', 'process p failed', {}, { cause: connectionRefused() }))).toBe(true);
    expect(isOperationalFailure(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isOperationalFailure(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isOperationalFailure(Object.assign(new Error('could not serialize access'), { code: '40001' }))).toBe(true);
  });

  it('counts a refusal (a step over its budget, a race) as operational, a plain throw as a bug', () => {
    expect(isOperationalFailure(new ConflictError('TASK_NOT_WAITING', '任务已不在等待'))).toBe(true);
    expect(isOperationalFailure(new StepBudgetExceededError('loop', { maxActivities: 500, maxMs: 5000 }, { activities: 501, ms: 12 }))).toBe(true);
    expect(isOperationalFailure(new Error('boom'))).toBe(false);
    expect(isOperationalFailure('a string')).toBe(false);
  });

  it('stops at a cycle of causes', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(isOperationalFailure(a)).toBe(false);
  });
});
