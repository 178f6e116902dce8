import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/api/create-app';
import { createRuntime, Runtime } from '../../src/app/create-runtime';
import { silentLogger } from '../../src/shared/logger';
import { VirtualClock } from '../../src/shared/virtual-clock';
import { VirtualJobRunner } from '../../src/scheduler/virtual-job-runner';
import { openTestDatabase } from './test-db';

export const DEMO_PASSWORD = 'minhu-demo';

/** A logged-in user: every request carries the session cookie, writes the CSRF token too. */
export interface Client {
  username: string;
  csrfToken: string;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

export interface ApiHarness {
  app: Express;
  runtime: Runtime;
  clock: VirtualClock;
  jobs: VirtualJobRunner;
  /** Logs in as `<city>.<id>` (a demo user) and returns a client. */
  login(username: string): Promise<Client>;
  close(): Promise<void>;
}

/** The whole app (every city, demo users seeded) on a fresh test database and a virtual clock. */
export async function openApiHarness(start = '2026-03-02T09:00:00+08:00'): Promise<ApiHarness> {
  const database = await openTestDatabase();
  const clock = new VirtualClock(new Date(start));
  try {
    const runtime = await createRuntime({ clock, logger: silentLogger(), database, policiesDir: 'policies', processesDir: 'processes' });
    await runtime.auth.seedDemoUsers(runtime.demoDirectory(), DEMO_PASSWORD);
    const app = createApp({
      logger: silentLogger(),
      runtime,
      auth: runtime.auth,
      secureCookies: false,
      readiness: () => Promise.resolve({ database: true, migrations: true, scheduler: true }),
    });
    return {
      app,
      runtime,
      clock,
      jobs: new VirtualJobRunner(runtime.dueJobs, clock, runtime.jobHandlers),
      login: (username) => login(app, username),
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

async function login(app: Express, username: string): Promise<Client> {
  const agent = request.agent(app);
  const res = await agent.post('/api/session').send({ username, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login as ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const csrfToken = String(res.body.csrfToken);
  return {
    username,
    csrfToken,
    get: (path) => agent.get(path),
    post: (path, body) => agent.post(path).set('X-CSRF-Token', csrfToken).send(body ?? {}),
    put: (path, body) => agent.put(path).set('X-CSRF-Token', csrfToken).send(body ?? {}),
    delete: (path) => agent.delete(path).set('X-CSRF-Token', csrfToken),
  };
}
