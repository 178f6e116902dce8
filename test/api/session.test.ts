import argon2 from 'argon2';
import request from 'supertest';
import { createApp } from '../../src/api/create-app';
import { readinessProbe } from '../../src/app/readiness';
import { silentLogger } from '../../src/shared/logger';
import { ApiHarness, DEMO_PASSWORD, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness();
});
afterAll(async () => {
  await h.close();
});

describe('sessions', () => {
  it('logs in with an httpOnly SameSite cookie and returns the user and a CSRF token', async () => {
    const res = await h.request().post('/api/session', { username: 'sample.op1', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ username: 'sample.op1', city: 'sample', displayName: '王话务', role: 'operator', unit: '示例市12345热线中心' });
    expect(res.body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/minhu_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('refuses a wrong password with 401 problem+json, the same for an unknown user', async () => {
    for (const username of ['sample.op1', 'nobody']) {
      const res = await h.request().post('/api/session', { username, password: 'wrong-password' });
      expect(res.status).toBe(401);
      expect(res.type).toBe('application/problem+json');
      expect(res.body).toMatchObject({ code: 'LOGIN_FAILED', status: 401 });
    }
  });

  it('names the missing field of a malformed login', async () => {
    const res = await h.request().post('/api/session', { username: 'sample.op1' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.password' })]);
  });

  it('delays a username from one address after 5 failures (429, Retry-After), not the right password from another address', async () => {
    const app = createApp({ logger: silentLogger(), runtime: h.runtime, auth: h.runtime.auth, secureCookies: false, trustProxy: true, readiness: readinessProbe({ db: h.runtime.database.db, scheduler: () => true }) });
    const from = (ip: string) => ({ post: (body: object) => request(app).post('/api/session').set('X-Forwarded-For', ip).send(body) });
    const username = 'sample.disp1';
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.7').post({ username, password: `wrong-${i}` })).status).toBe(401);
    const throttled = await from('203.0.113.7').post({ username, password: DEMO_PASSWORD });
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('LOGIN_THROTTLED');
    expect(throttled.headers['retry-after']).toBe('1');
    const elsewhere = await from('198.51.100.9').post({ username, password: DEMO_PASSWORD });
    expect(elsewhere.status).toBe(200);
    h.clock.advance(1_000);
    expect((await from('203.0.113.7').post({ username, password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('verifies a dummy argon2 hash for an unknown username', async () => {
    const verify = jest.spyOn(argon2, 'verify');
    try {
      const res = await request(h.app).post('/api/session').send({ username: 'nobody-at-all', password: 'wrong-password' });
      expect(res.status).toBe(401);
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify.mock.calls[0]![0]).toMatch(/^\$argon2id\$/);
    } finally {
      verify.mockRestore();
    }
  });

  it('knows who is logged in, refuses a write without the CSRF token, and logs out', async () => {
    const client = await h.login('sample.admin1');
    const me = await client.get('/api/session');
    expect(me.status).toBe(200);
    expect(me.body.user.role).toBe('admin');
    const agent = request.agent(h.app);
    await agent.post('/api/session').send({ username: 'sample.admin1', password: DEMO_PASSWORD });
    const noCsrf = await agent.post('/api/tokens').send({ name: 'x' });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.code).toBe('CSRF_TOKEN_INVALID');
    expect((await client.delete('/api/session')).status).toBe(204);
    expect((await client.get('/api/session')).status).toBe(401);
  });

  it('issues API tokens that authenticate without a cookie or CSRF token', async () => {
    const admin = await h.login('sample.admin1');
    const issued = await admin.post('/api/tokens', { name: '微信公众号对接' });
    expect(issued.status).toBe(201);
    const me = await request(h.app).get('/api/session').set('Authorization', `Bearer ${issued.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('sample.admin1');
    const bad = await request(h.app).get('/api/session').set('Authorization', 'Bearer mh_not-a-token');
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('TOKEN_INVALID');
    const operator = await h.login('sample.op1');
    const forOther = await operator.post('/api/tokens', { name: 'x', username: 'sample.admin1' });
    expect(forOther.status).toBe(403);
  });

  it('answers unknown paths with a 404 problem', async () => {
    const res = await request(h.app).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});
