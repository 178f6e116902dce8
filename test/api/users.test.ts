import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { killChildren, runTs } from '../helpers/child-process';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(120_000);

const newHandler = { username: 'xh.liqiang', password: 'a-long-passphrase', displayName: '李强', role: 'handler', unit: '西市场街道' };

let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness();
});
afterAll(async () => {
  killChildren();
  await h.close();
});

describe('users of a city', () => {
  it("lists the administrator's city, without passwords", async () => {
    const admin = await h.login('sample.admin1');
    const res = await admin.get('/api/users');
    expect(res.status).toBe(200);
    const users = res.body as Array<Record<string, unknown>>;
    expect(users).toContainEqual({
      username: 'sample.op1',
      city: 'sample',
      displayName: '王话务',
      role: 'operator',
      unit: '示例市12345热线中心',
      active: true,
      demo: true,
      createdAt: expect.any(String),
    });
    expect(users.every((u) => u.city === 'sample')).toBe(true);
    expect(JSON.stringify(users)).not.toMatch(/argon2|password/i);
  });

  it('adds a user of the city who can log in; a taken username is 409 USERNAME_TAKEN', async () => {
    const admin = await h.login('sample.admin1');
    const created = await admin.post('/api/users', newHandler);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'xh.liqiang', city: 'sample', role: 'handler', unit: '西市场街道', demo: false, active: true });
    const login = await request(h.app).post('/api/session').send({ username: 'xh.liqiang', password: 'a-long-passphrase' });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ city: 'sample', unit: '西市场街道' });
    const twice = await admin.post('/api/users', newHandler);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('USERNAME_TAKEN');
  });

  it("puts the user in the administrator's own city", async () => {
    const other = await h.login('huizhou.hz-admin1');
    const created = await other.post('/api/users', { ...newHandler, username: 'hz.zhang', unit: '惠城区' });
    expect(created.status).toBe(201);
    expect(created.body.city).toBe('huizhou');
    const withCity = await other.post('/api/users', { ...newHandler, username: 'hz.wang', unit: '惠城区', city: 'sample' });
    expect(withCity.status).toBe(400);
    expect(withCity.body.errors).toEqual([expect.objectContaining({ path: 'body.city', message: 'unknown field' })]);
    const foreignUnit = await other.post('/api/users', { ...newHandler, username: 'hz.li' });
    expect(foreignUnit.status).toBe(400);
    expect(foreignUnit.body.errors).toEqual([{ path: 'unit', message: expect.stringContaining('惠城区') }]);
    expect(((await other.get('/api/users')).body as Array<{ city: string }>).every((u) => u.city === 'huizhou')).toBe(true);
  });

  it('names each invalid field: short password, unknown role, a unit that does not fit the role', async () => {
    const admin = await h.login('sample.admin1');
    const short = await admin.post('/api/users', { ...newHandler, username: 'short.pw', password: 'secret' });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ path: 'body.password', message: 'expected at least 10 characters' }]);
    const role = await admin.post('/api/users', { ...newHandler, username: 'bad.role', role: 'boss' });
    expect(role.body.errors).toEqual([expect.objectContaining({ path: 'body.role' })]);
    const operatorInUnit = await admin.post('/api/users', { ...newHandler, username: 'op.unit', role: 'operator' });
    expect(operatorInUnit.status).toBe(400);
    expect(operatorInUnit.body).toMatchObject({ code: 'USER_INVALID', errors: [{ path: 'unit', message: expect.stringContaining('示例市12345热线中心') }] });
    const handlerAtCentre = await admin.post('/api/users', { ...newHandler, username: 'h.centre', unit: '示例市12345热线中心' });
    expect(handlerAtCentre.body.errors).toEqual([expect.objectContaining({ path: 'unit' })]);
  });

  it('is for administrators only', async () => {
    const dispatcher = await h.login('sample.disp1');
    for (const res of [await dispatcher.get('/api/users'), await dispatcher.post('/api/users', { ...newHandler, username: 'by.disp' })]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    }
    expect((await h.request().get('/api/users')).status).toBe(401);
  });
});

describe('npm run user:create', () => {
  it('adds a user to the configured database with the password from the environment', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minhu-user-cli-'));
    try {
      const env = { DATABASE_URL: '', MINHU_DATA_DIR: dataDir, LOG_LEVEL: 'silent', MINHU_NEW_USER_PASSWORD: 'first-admin-pass' };
      const args = ['--city', 'sample', '--username', 'ops.admin', '--role', 'admin', '--unit', '示例市12345热线中心', '--display-name', '运维管理员'];
      const first = runTs('src/cli/create-user.cli.ts', env, args);
      expect(await first.exited()).toBe(0);
      expect(first.output()).toContain('created ops.admin: admin of 示例市12345热线中心, sample');
      expect(first.output()).not.toContain('first-admin-pass');
      const again = runTs('src/cli/create-user.cli.ts', env, args);
      expect(await again.exited()).toBe(1);
      expect(again.output()).toContain('USERNAME_TAKEN');
      const noPassword = runTs('src/cli/create-user.cli.ts', { ...env, MINHU_NEW_USER_PASSWORD: '' }, args);
      expect(await noPassword.exited()).toBe(1);
      expect(noPassword.output()).toContain('MINHU_NEW_USER_PASSWORD');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
