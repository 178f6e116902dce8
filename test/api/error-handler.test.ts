/** The one error mapper: domain errors as problem+json with their code; anything else a 500 with an id, no stack. */
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { errorHandler } from '../../src/api/error-handler';
import { ConflictError, RuleViolation, ValidationError } from '../../src/shared/errors';

function appWith(thrown: () => never) {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const app = express();
  app.use(express.json({ limit: '1kb' }));
  app.post('/x', () => thrown());
  app.get('/x', () => thrown());
  app.use(errorHandler(logger));
  return { app, lines };
}

it('maps each kind of domain error to its status with the stable code', async () => {
  const cases: Array<[() => never, number, string]> = [
    [() => { throw new ValidationError('FORM_INVALID', 'bad', [{ path: 'data.reason', message: 'required' }]); }, 400, 'FORM_INVALID'],
    [() => { throw new ConflictError('TASK_NOT_OPEN', 'done already'); }, 409, 'TASK_NOT_OPEN'],
    [() => { throw new RuleViolation('RETURN_WINDOW_CLOSED', 'too late'); }, 422, 'RETURN_WINDOW_CLOSED'],
  ];
  for (const [thrown, status, code] of cases) {
    const res = await request(appWith(thrown).app).get('/x');
    expect(res.status).toBe(status);
    expect(res.type).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status, code, title: code, type: `urn:minhu:error:${code}` });
  }
  const res = await request(appWith(cases[0]![0]).app).get('/x');
  expect(res.body.errors).toEqual([{ path: 'data.reason', message: 'required' }]);
});

it('answers an unknown error with 500 and an error id that is in the log, without the stack', async () => {
  const { app, lines } = appWith(() => {
    throw new TypeError('secret internal detail at /srv/minhu/src/x.ts:42');
  });
  const res = await request(app).get('/x');
  expect(res.status).toBe(500);
  expect(res.body.code).toBe('INTERNAL');
  expect(res.body.errorId).toMatch(/^[0-9a-f-]{36}$/);
  expect(JSON.stringify(res.body)).not.toMatch(/secret|\.ts:|TypeError|at /);
  const logged = lines.find((l) => l.errorId === res.body.errorId);
  expect(logged).toBeDefined();
  expect(JSON.stringify(logged)).toContain('secret internal detail');
});

it('refuses a body over the limit with 413 and malformed JSON with 400', async () => {
  const { app } = appWith(() => {
    throw new TypeError('not reached');
  });
  const big = await request(app).post('/x').send({ content: 'x'.repeat(5000) });
  expect(big.status).toBe(413);
  expect(big.body.code).toBe('BODY_TOO_LARGE');
  const bad = await request(app).post('/x').set('Content-Type', 'application/json').send('{"a":');
  expect(bad.status).toBe(400);
  expect(bad.body.code).toBe('BODY_MALFORMED');
});

it('carries the error\'s machine-readable facts in `details`, and none when it has none', async () => {
  const until = '2026-04-01T00:00:00.000Z';
  const blocked = await request(appWith(() => { throw new RuleViolation('CALLER_BLOCKED', `barred until ${until}`, { until, reason: '骚扰热线' }); }).app).get('/x');
  expect(blocked.body.details).toEqual({ until, reason: '骚扰热线' });
  const bare = await request(appWith(() => { throw new ConflictError('TASK_NOT_OPEN', 'done already'); }).app).get('/x');
  expect(bare.body).not.toHaveProperty('details');
  const invalid = await request(appWith(() => { throw new ValidationError('FORM_INVALID', 'bad', [{ path: 'data.reason', message: 'required' }]); }).app).get('/x');
  expect(invalid.body).not.toHaveProperty('details');
});
