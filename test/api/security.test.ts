/**
 * Hostile and careless input against the API: markup in order content, SQL in every search
 * field, oversized bodies, writes without the CSRF token, and personal data that must stay masked.
 */
import request from 'supertest';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(120_000);

let h: ApiHarness;
let operator: Client;
let orderId: string;
const SCRIPT = '<script>alert("xss")</script><img src=x onerror=alert(1)>路灯不亮';

beforeAll(async () => {
  h = await openApiHarness();
  operator = await h.login('sample.op1');
  const created = await operator.post('/api/orders', {
    city: 'sample',
    category: 'help',
    channel: 'hotline',
    topic: '路灯',
    content: SCRIPT,
    requester: { name: '欧阳娜娜', phone: '13812345678' },
    location: { district: '新华区', address: '<b>建设路</b>1号' },
  });
  expect(created.status).toBe(201);
  orderId = String(created.body.order.id);
});
afterAll(async () => {
  await h.close();
});

describe('markup in order content', () => {
  it('comes back unchanged in JSON, as JSON that no browser sniffs as HTML', async () => {
    const res = await operator.get(`/api/orders/${orderId}`);
    expect(res.status).toBe(200);
    expect(res.body.order.content).toBe(SCRIPT);
    expect(res.type).toBe('application/json');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('comes back escaped where a page shows it (Open311 XML)', async () => {
    // Open311 reads show only requests that came in through Open311: file one there with markup
    const token = (await (await h.login('sample.partner1')).post('/api/tokens', { name: 'partner' })).body.token as string;
    const posted = await request(h.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ jurisdiction_id: 'sample', api_key: token, service_code: 'help', description: SCRIPT, name: '李雷', phone: '13900001111', district: '新华区' });
    expect(posted.status).toBe(201);
    const id = (posted.body as Array<{ service_request_id: string }>)[0]!.service_request_id;
    const xml = await request(h.app).get(`/open311/v2/requests/${id}.xml?jurisdiction_id=sample`);
    expect(xml.status).toBe(200);
    expect(xml.text).not.toContain('<script>');
    expect(xml.text).toContain('&lt;script&gt;');
    const json = await request(h.app).get(`/open311/v2/requests/${id}.json?jurisdiction_id=sample`);
    expect((json.body as Array<{ description: string }>)[0]!.description).toBe(SCRIPT);
  });
});

describe('SQL in search fields', () => {
  const INJECTIONS = ["' OR '1'='1", "'; DROP TABLE work_orders; --", '%', '_', "\\' UNION SELECT password_hash FROM users --", '1) OR (1=1'];

  it('changes nothing and returns normally in every free-text field', async () => {
    const before = (await operator.get('/api/orders')).body.total as number;
    expect(before).toBeGreaterThan(0);
    for (const evil of INJECTIONS) {
      for (const field of ['q', 'category', 'unit']) {
        const res = await operator.get(`/api/orders?${field}=${encodeURIComponent(evil)}`);
        expect(res.status).toBe(200);
        expect(res.body.total).toBe(0);
      }
      const knowledge = await operator.get(`/api/knowledge?q=${encodeURIComponent(evil)}`);
      expect(knowledge.status).toBe(200);
      const admin = await h.login('sample.admin1');
      const audit = await admin.get(`/api/audit?actor=${encodeURIComponent(evil)}`);
      expect(audit.status).toBe(200);
      expect(audit.body.total).toBe(0);
    }
    // typed fields refuse the text and name the field
    const status = await operator.get(`/api/orders?status=${encodeURIComponent(INJECTIONS[1]!)}`);
    expect(status.status).toBe(400);
    expect(status.body.errors[0].path).toBe('query.status');
    expect((await operator.get('/api/orders')).body.total).toBe(before);
  });
});

describe('size and origin of writes', () => {
  it('answers a body over the limit with 413 and records nothing', async () => {
    const before = (await operator.get('/api/orders')).body.total as number;
    const res = await operator.post('/api/orders', {
      city: 'sample',
      category: 'help',
      channel: 'hotline',
      content: '很长'.repeat(1_200_000),
      requester: { name: '张三', phone: '13800000000' },
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('BODY_TOO_LARGE');
    expect((await operator.get('/api/orders')).body.total).toBe(before);
  });

  it('refuses a write with the session cookie but without the CSRF token', async () => {
    const agent = request.agent(h.app);
    await agent.post('/api/session').send({ username: 'sample.op1', password: 'minhu-demo' });
    const res = await agent.post('/api/orders').send({ city: 'sample', category: 'help', channel: 'hotline', content: 'x', requester: { name: '张三', phone: '13800000000' } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
    const wrong = await agent.post('/api/orders').set('X-CSRF-Token', 'forged').send({});
    expect(wrong.status).toBe(403);
  });
});

describe('requesters stay masked for those who may not see them', () => {
  it('masks name and phone for an auditor and a unit that does not handle the order, and refuses the full view', async () => {
    for (const username of ['sample.audit1', 'sample.wd-handler']) {
      const client = await h.login(username);
      const detail = await client.get(`/api/orders/${orderId}`);
      if (username === 'sample.wd-handler') {
        expect(detail.status).toBe(403);
        expect(detail.body.code).toBe('ORDER_NOT_VISIBLE');
        continue;
      }
      expect(detail.status).toBe(200);
      expect(detail.body.order.requester).toEqual({ name: '欧***', phone: '138****5678' });
      expect(JSON.stringify(detail.body)).not.toContain('13812345678');
      const list = await client.get('/api/orders');
      expect(JSON.stringify(list.body)).not.toContain('13812345678');
      expect(JSON.stringify(list.body)).not.toContain('欧阳娜娜');
      const full = await client.get(`/api/orders/${orderId}/requester`);
      expect(full.status).toBe(403);
    }
  });

  it('shows the handling unit the requester in full and writes that view to the audit log', async () => {
    const handler = await h.login('sample.xh-handler');
    const full = await handler.get(`/api/orders/${orderId}/requester`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ name: '欧阳娜娜', phone: '13812345678' });
    const timeline = await operator.get(`/api/orders/${orderId}/timeline`);
    const viewed = (timeline.body.items as Array<{ type: string; actor: string }>).filter((e) => e.type === 'requester.viewed');
    expect(viewed.map((e) => e.actor)).toContain('sample.xh-handler');
    expect(JSON.stringify(timeline.body)).not.toContain('13812345678');
  });

  it('never shows one city the orders of another', async () => {
    const other = await h.login('huizhou.hz-op1');
    expect((await other.get(`/api/orders/${orderId}`)).status).toBe(404);
    const list = await other.get('/api/orders?city=sample');
    expect(list.status).toBe(403);
  });
});
