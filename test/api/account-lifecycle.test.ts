import request from 'supertest';
import { ApiHarness, DEMO_PASSWORD, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(90_000);

let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness();
});
afterAll(async () => {
  await h.close();
});

const asToken = (token: string) => request(h.app).get('/api/session').set('Authorization', `Bearer ${token}`);

describe('tokens with a lifecycle', () => {
  it('answers 401 at once for a revoked token and for an expired one; the admin lists the city without secrets', async () => {
    const op = await h.login('sample.op1');
    const issued = await op.post('/api/tokens', { name: '对接', expiresInDays: 1 });
    expect(issued.status).toBe(201);
    expect((await asToken(issued.body.token)).status).toBe(200);
    const admin = await h.login('sample.admin1');
    const listed = await admin.get('/api/tokens');
    expect(listed.body).toContainEqual(expect.objectContaining({ id: issued.body.id, username: 'sample.op1', name: '对接', revokedAt: null }));
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);
    expect((await admin.delete(`/api/tokens/${issued.body.id}`)).body).toMatchObject({ revokedBy: 'sample.admin1' });
    expect((await asToken(issued.body.token)).body.code).toBe('TOKEN_INVALID');

    const short = await op.post('/api/tokens', { name: '短期', expiresInDays: 1 });
    expect((await asToken(short.body.token)).status).toBe(200);
    h.clock.advance(86_400_000 + 1000);
    expect((await asToken(short.body.token)).status).toBe(401);
  });

  it('refuses a token for another user and an expiry beyond the maximum', async () => {
    const admin = await h.login('sample.admin1');
    const forOther = await admin.post('/api/tokens', { name: 'x', username: 'sample.op1' });
    expect(forOther.status).toBe(403);
    expect(forOther.body.code).toBe('TOKEN_FOR_OTHER_USER');
    const tooLong = await admin.post('/api/tokens', { name: 'x', expiresInDays: 366 });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ path: 'body.expiresInDays' })]);
  });
});

describe('users with a lifecycle', () => {
  it("disabling ends the user's sessions and refuses their tokens at once; enabling lets them in again", async () => {
    const disp = await h.login('sample.disp1');
    const token = (await disp.post('/api/tokens', { name: '调度对接' })).body.token as string;
    const admin = await h.login('sample.admin1');
    const disabled = await admin.post('/api/users/sample.disp1/disable');
    expect(disabled.status).toBe(200);
    expect(disabled.body.active).toBe(false);
    expect((await disp.get('/api/session')).status).toBe(401);
    expect((await asToken(token)).status).toBe(401);
    const login = await request(h.app).post('/api/session').send({ username: 'sample.disp1', password: DEMO_PASSWORD });
    expect(login.body.code).toBe('USER_DISABLED');
    expect((await admin.post('/api/users/sample.admin1/disable')).body.code).toBe('SELF_ADMINISTRATION_REFUSED');
    expect((await admin.post('/api/users/sample.disp1/enable')).body.active).toBe(true);
    expect((await asToken(token)).status).toBe(200);
    const audit = await admin.get('/api/audit?type=user.*');
    expect((audit.body.items as Array<{ type: string; actor: string }>).map((e) => [e.type, e.actor])).toEqual(
      expect.arrayContaining([
        ['user.disabled', 'sample.admin1'],
        ['user.enabled', 'sample.admin1'],
      ]),
    );
  });

  it('resets a password (sessions end) and changes one\'s own with the old one (other sessions end)', async () => {
    const handler = await h.login('sample.xh-handler');
    const admin = await h.login('sample.admin1');
    const short = await admin.post('/api/users/sample.xh-handler/password', { password: 'short' });
    expect(short.body.errors).toEqual([{ path: 'body.password', message: 'expected at least 10 characters' }]);
    expect((await admin.post('/api/users/sample.xh-handler/password', { password: 'a-new-long-password' })).status).toBe(204);
    expect((await handler.get('/api/session')).status).toBe(401);
    const first = request.agent(h.app);
    const s1 = await first.post('/api/session').send({ username: 'sample.xh-handler', password: 'a-new-long-password' });
    const second = request.agent(h.app);
    await second.post('/api/session').send({ username: 'sample.xh-handler', password: 'a-new-long-password' });
    const wrong = await first.put('/api/session/password').set('X-CSRF-Token', s1.body.csrfToken).send({ currentPassword: 'nope', newPassword: 'another-long-one' });
    expect(wrong.body.code).toBe('PASSWORD_WRONG');
    const changed = await first.put('/api/session/password').set('X-CSRF-Token', s1.body.csrfToken).send({ currentPassword: 'a-new-long-password', newPassword: 'another-long-one' });
    expect(changed.status).toBe(204);
    expect((await first.get('/api/session')).status).toBe(200);
    expect((await second.get('/api/session')).status).toBe(401);
  });

  it('changes a role and a unit, audited with who did it', async () => {
    const admin = await h.login('sample.admin1');
    const changed = await admin.patch('/api/users/sample.xh-leader', { role: 'handler' });
    expect(changed.status).toBe(200);
    expect(changed.body.role).toBe('handler');
    const audit = await admin.get('/api/audit?type=user.role-changed');
    expect(audit.body.items[0]).toMatchObject({ actor: 'sample.admin1', data: { username: 'sample.xh-leader', from: 'leader', to: 'handler' } });
  });
});
