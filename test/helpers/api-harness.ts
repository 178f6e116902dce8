import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/api/create-app';
import { createRuntime, Runtime, RuntimeOptions } from '../../src/app/create-runtime';
import { readinessProbe } from '../../src/app/readiness';
import { silentLogger } from '../../src/shared/logger';
import { VirtualClock } from '../../src/shared/virtual-clock';
import { VirtualJobRunner } from '../../src/scheduler/virtual-job-runner';
import { openApiChecker } from './openapi-check';
import { TEST_RUNTIME_OPTIONS } from './test-runtime-options';
import { openTestDatabase } from './test-db';

export const DEMO_PASSWORD = 'minhu-demo';

/** A logged-in user: every request carries the session cookie, writes the CSRF token too. */
export interface Client {
  username: string;
  csrfToken: string;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  /** POSTs raw bytes (a file upload) with these headers. */
  postBytes(path: string, bytes: Buffer, headers: Record<string, string>): request.Test;
  put(path: string, body?: object): request.Test;
  patch(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

export interface ApiHarness {
  app: Express;
  runtime: Runtime;
  clock: VirtualClock;
  jobs: VirtualJobRunner;
  /** Logs in as `<city>.<id>` (a demo user) and returns a client. */
  login(username: string): Promise<Client>;
  /** Logs in as `<city>.<id>` and returns a cookie agent for the pages (HTML, not checked against the OpenAPI document). */
  pages(username: string): Promise<request.Agent>;
  /** An anonymous request whose response is checked against the OpenAPI document too. */
  request(): { get(path: string): request.Test; post(path: string, body?: object): request.Test };
  close(): Promise<void>;
}

/** The whole app (every city, demo users seeded) on a fresh test database and a virtual clock; `options` of the runtime beside. */
export async function openApiHarness(start = '2026-03-02T09:00:00+08:00', options: Pick<RuntimeOptions, 'uploadChecks'> = {}): Promise<ApiHarness> {
  const database = await openTestDatabase();
  const clock = new VirtualClock(new Date(start));
  try {
    const runtime = await createRuntime({ ...options, clock, logger: silentLogger(), database, policiesDir: 'policies', processesDir: 'processes', ...TEST_RUNTIME_OPTIONS });
    await runtime.auth.seedDemoUsers(runtime.demoDirectory(), DEMO_PASSWORD);
    const app = createApp({
      logger: silentLogger(),
      runtime,
      auth: runtime.auth,
      secureCookies: false,
      readiness: readinessProbe({ db: runtime.database.db, scheduler: () => true }),
    });
    return {
      app,
      runtime,
      clock,
      jobs: new VirtualJobRunner(runtime.dueJobs, clock, runtime.jobHandlers),
      login: (username) => login(app, username),
      pages: async (username) => {
        const agent = request.agent(app);
        const res = await agent.post('/api/session').send({ username, password: DEMO_PASSWORD });
        if (res.status !== 200) throw new Error(`login of ${username} for the pages answered ${res.status}`);
        return agent;
      },
      request: () => {
        const check = checker(app);
        return {
          get: (path) => request(app).get(path).expect((res) => check('GET', path, res)),
          post: (path, body) => request(app).post(path).send(body ?? {}).expect((res) => check('POST', path, res)),
        };
      },
      async close() {
        clock.uninstall();
        await runtime.close();
      },
    };
  } catch (err) {
    clock.uninstall();
    await database.close();
    throw err;
  }
}

const checkers = new WeakMap<Express, ReturnType<typeof openApiChecker>>();

/** One checker per app, made on first use (its validators compile as responses meet them). */
function checker(app: Express): ReturnType<typeof openApiChecker> {
  let check = checkers.get(app);
  if (!check) {
    check = openApiChecker(app.locals.openapi as Parameters<typeof openApiChecker>[0]);
    checkers.set(app, check);
  }
  return check;
}

/** Every response a client gets is checked against the OpenAPI document (openapi-check.ts). */
async function login(app: Express, username: string): Promise<Client> {
  const agent = request.agent(app);
  const res = await agent.post('/api/session').send({ username, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const csrfToken = String(res.body.csrfToken);
  const check = checker(app);
  const checked = (method: string, path: string, test: request.Test) => test.expect((r) => check(method, path, r));
  return {
    username,
    csrfToken,
    get: (path) => checked('GET', path, agent.get(path)),
    post: (path, body) => checked('POST', path, agent.post(path).set('X-CSRF-Token', csrfToken).send(body ?? {})),
    postBytes: (path, bytes, headers) => checked('POST', path, agent.post(path).set('X-CSRF-Token', csrfToken).set(headers).send(bytes)),
    put: (path, body) => checked('PUT', path, agent.put(path).set('X-CSRF-Token', csrfToken).send(body ?? {})),
    patch: (path, body) => checked('PATCH', path, agent.patch(path).set('X-CSRF-Token', csrfToken).send(body ?? {})),
    delete: (path) => checked('DELETE', path, agent.delete(path).set('X-CSRF-Token', csrfToken)),
  };
}
