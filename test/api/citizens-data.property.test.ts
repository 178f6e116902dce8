import fc from 'fast-check';
import request from 'supertest';
import { toActor } from '../../src/auth/auth.service';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';
import { leakedSecrets, mobileArb, Secret, textWithSecretsArb } from '../helpers/personal-numbers';

jest.setTimeout(240_000);

/**
 * Citizens' data stays where it belongs (issue 12): orders whose content, form data and Open311
 * description hold generated phones, ID-card numbers and e-mail addresses, read back through
 * every read of a role that may not see the requester (and Open311's public reads): none of the
 * numbers appears; the centre, which may, reads the content as written.
 */
let h: ApiHarness;
let op: Client;
let xh: Client;
let auditor: Client;
let wd: Client;
let partnerKey: string;
/** Pages (HTML, not in the OpenAPI document) as the auditor and the partner. */
let auditorPages: request.Agent;
let partnerPages: request.Agent;

beforeAll(async () => {
  h = await openApiHarness();
  op = await h.login('sample.op1');
  xh = await h.login('sample.xh-handler');
  auditor = await h.login('sample.audit1');
  wd = await h.login('sample.wd-handler');
  const partner = await h.login('sample.partner1');
  const issued = await partner.post('/api/tokens', { name: '微信公众号' });
  expect(issued.status).toBe(201);
  partnerKey = issued.body.token;
  auditorPages = await h.pages('sample.audit1');
  partnerPages = await h.pages('sample.partner1');
});
afterAll(async () => {
  await h.close();
});

/** An order filed by the centre with secrets in its content, signed and replied to with secrets in the form. */
async function hotlineOrder(content: string, phone: string, result: string): Promise<{ id: string; number: string; taskId: string }> {
  const filed = await op.post('/api/orders', {
    city: 'sample',
    category: 'complaint',
    channel: 'hotline',
    content,
    requester: { name: '欧阳娜娜', phone },
  });
  expect(filed.status).toBe(201);
  const signed = await xh.post(`/api/tasks/${filed.body.tasks[0].id}/complete`, { outcome: 'done' });
  expect(signed.status).toBe(200);
  const handle = signed.body.openTasks[0].id as string;
  const replied = await xh.post(`/api/tasks/${handle}/complete`, {
    outcome: 'reply',
    data: { result, informedAt: '2026-03-02T10:00:00+08:00', informedBy: '电话' },
  });
  expect(replied.status).toBe(200);
  return { id: filed.body.order.id, number: filed.body.order.number, taskId: handle };
}

async function open311Request(description: string, phone: string): Promise<string> {
  const res = await request(h.app)
    .post('/open311/v2/requests.json')
    .type('form')
    .send({ api_key: partnerKey, jurisdiction_id: 'sample', service_code: 'complaint', description, name: '欧阳娜娜', phone });
  expect(res.status).toBe(201);
  return res.body[0].service_request_id;
}

/** Every restricted read of the orders, as text. */
async function restrictedReads(o: { id: string; taskId: string }, open311: string): Promise<Array<[string, string]>> {
  const open311Order = await h.runtime.uow.run((repos) => repos.orders.findByNumber('sample', open311));
  const reads: Array<[string, request.Test]> = [
    ['auditor: order', auditor.get(`/api/orders/${o.id}`)],
    ['auditor: timeline', auditor.get(`/api/orders/${o.id}/timeline`)],
    ['auditor: audit log', auditor.get(`/api/audit?orderId=${o.id}&pageSize=100`)],
    ['auditor: task', auditor.get(`/api/tasks/${o.taskId}`)],
    ['auditor: search', auditor.get('/api/orders?pageSize=100')],
    ['auditor: order page', auditorPages.get(`/orders/${o.id}`)],
    ['auditor: task page', auditorPages.get(`/tasks/${o.taskId}`)],
    ['auditor: the Open311 order', auditor.get(`/api/orders/${open311Order!.id}`)],
    ['another unit: order', wd.get(`/api/orders/${o.id}`)],
    ['another unit: task', wd.get(`/api/tasks/${o.taskId}`)],
    ['another unit: inbox', wd.get('/api/inbox?tab=done&pageSize=100')],
    ['public: Open311 JSON', request(h.app).get(`/open311/v2/requests/${open311}.json?jurisdiction_id=sample`)],
    ['public: Open311 XML', request(h.app).get(`/open311/v2/requests/${open311}.xml?jurisdiction_id=sample`)],
    ['public: Open311 list', request(h.app).get('/open311/v2/requests.xml?jurisdiction_id=sample')],
    ['partner: its own', request(h.app).get(`/open311/v2/requests.json?jurisdiction_id=sample&api_key=${partnerKey}`)],
  ];
  return Promise.all(reads.map(async ([name, test]) => [name, (await test).text] as [string, string]));
}

describe('every read of a role that may not see the requester', () => {
  it('holds no phone, ID-card number or e-mail address of the content, form data or Open311 description', async () => {
    await fc.assert(
      fc.asyncProperty(textWithSecretsArb, textWithSecretsArb, textWithSecretsArb, mobileArb, async (content, result, open311, caller) => {
        const phone = caller.digits;
        const order = await hotlineOrder(content.text, phone, result.text);
        const number = await open311Request(open311.text, phone);
        const secrets: Secret[] = [...content.secrets, ...result.secrets, ...open311.secrets, caller];
        // the centre reads the content as written (the numbers were really there to leak)
        const centre = await op.get(`/api/orders/${order.id}`);
        expect(leakedSecrets(centre.body.order.content, content.secrets)).toEqual(content.secrets);
        for (const [name, text] of await restrictedReads(order, number)) {
          expect([name, leakedSecrets(text, secrets)]).toEqual([name, []]);
        }
        expect((await wd.get(`/api/orders/${order.id}`)).status).toBe(403);
      }),
      { numRuns: 12 },
    );
  });
});

describe('search by a requester\'s number', () => {
  it('finds the order for the centre; an auditor is refused SEARCH_TERM_REFUSED and finds nothing', async () => {
    const order = await hotlineOrder('路灯不亮', '13912340077', '已修复');
    const centre = await op.get('/api/orders?q=13912340077');
    expect(centre.status).toBe(200);
    expect(centre.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    for (const q of ['13912340077', '0077', '１３９１２３４００７７', 'zhang@qq.com']) {
      const refused = await auditor.get(`/api/orders?q=${encodeURIComponent(q)}`);
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'SEARCH_TERM_REFUSED', errors: [{ path: 'q' }] });
      expect(JSON.stringify(refused.body)).not.toContain(order.number);
    }
    // an order number and ordinary words are still searched
    const byNumber = await auditor.get(`/api/orders?q=${order.number}`);
    expect(byNumber.body.items.map((o: { id: string }) => o.id)).toEqual([order.id]);
  });
});

describe('keys of data set by minhu alone', () => {
  it('refuses data.source and every other reserved key at POST /api/orders, naming each', async () => {
    const res = await op.post('/api/orders', {
      city: 'sample',
      category: 'complaint',
      channel: 'hotline',
      content: '停车场收费不合理（冒充Open311）',
      requester: { name: '张三', phone: '13812345678' },
      data: { source: 'open311', partner: 'sample.partner1', geo: { lat: 1, long: 2 }, intake: {}, repeatOf: 'X', note: '夜间' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ['body.data.geo', 'body.data.intake', 'body.data.partner', 'body.data.repeatOf', 'body.data.source'],
    );
    const open311 = await request(h.app).get('/open311/v2/requests.json?jurisdiction_id=sample');
    expect(open311.text).not.toContain('冒充Open311');
  });
});

describe('the partner role', () => {
  it('files Open311 requests and reads its own, not those of another partner', async () => {
    const mine = await open311Request('路口信号灯不亮', '13800001111');
    const other = await h.runtime.auth.createUser({
      username: 'sample.partner-web',
      password: 'a-long-integration-password',
      city: 'sample',
      displayName: '网站对接',
      role: 'partner',
      unit: h.runtime.catalog.policy('sample').policy.centre,
    });
    const otherKey = (await h.runtime.auth.createToken(other, other.username, '网站')).token;
    const theirs = (
      await request(h.app)
        .post('/open311/v2/requests.json')
        .type('form')
        .send({ api_key: otherKey, jurisdiction_id: 'sample', service_code: 'complaint', description: '井盖松动', name: '李四', phone: '13800002222' })
    ).body[0].service_request_id as string;
    const own = await request(h.app).get(`/open311/v2/requests.json?jurisdiction_id=sample&api_key=${partnerKey}`).expect(200);
    const numbers = (own.body as Array<{ service_request_id: string }>).map((r) => r.service_request_id);
    expect(numbers).toContain(mine);
    expect(numbers).not.toContain(theirs);
    await request(h.app).get(`/open311/v2/requests/${theirs}.json?jurisdiction_id=sample&api_key=${partnerKey}`).expect(404);
    await request(h.app).get(`/open311/v2/requests/${mine}.xml?jurisdiction_id=sample&api_key=${partnerKey}`).expect(200);
    // the public reads show both (redacted), a staff token is no api_key
    const all = await request(h.app).get('/open311/v2/requests.json?jurisdiction_id=sample').expect(200);
    expect((all.body as Array<{ service_request_id: string }>).map((r) => r.service_request_id)).toEqual(expect.arrayContaining([mine, theirs]));
    const opToken = (await op.post('/api/tokens', { name: 'x' })).body.token as string;
    const refused = await request(h.app).get(`/open311/v2/requests.json?jurisdiction_id=sample&api_key=${opToken}`).expect(403);
    expect(refused.body[0].description).toContain('has the role operator');
  });

  it('answers 403 ROLE_NOT_ALLOWED on every other API and page, by session and by token', async () => {
    const partner = await h.login('sample.partner1');
    const bearer = (path: string) => request(h.app).get(path).set('Authorization', `Bearer ${partnerKey}`);
    const reads = [
      '/api/orders',
      '/api/inbox?tab=to-sign',
      '/api/inbox/counts',
      '/api/audit',
      '/api/users',
      '/api/policies/sample',
      '/api/processes/sample/versions',
      '/api/calendar/sample/2026-03',
      '/api/knowledge',
      '/api/routing/sample?category=complaint&channel=hotline',
    ];
    for (const path of reads) {
      for (const res of [await partner.get(path), await bearer(path)]) {
        expect([path, res.status, res.body.code]).toEqual([path, 403, 'ROLE_NOT_ALLOWED']);
      }
    }
    const write = await partner.post('/api/orders', {
      city: 'sample',
      category: 'complaint',
      channel: 'hotline',
      content: '路灯不亮',
      requester: { name: '张三', phone: '13812345678' },
    });
    expect([write.status, write.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    for (const page of ['/inbox', '/intake', '/dashboard', '/admin/units/sample', '/centre']) {
      expect([page, (await partnerPages.get(page)).status]).toEqual([page, 403]);
    }
    // its own session still answers
    expect((await partner.get('/api/session')).status).toBe(200);
    // and the engine itself records a partner's order only through the gateway
    const actor = toActor((await h.runtime.auth.findUser('sample.partner1'))!);
    const payload = { city: 'sample', category: 'complaint', channel: 'wechat', content: '路灯不亮', requester: { name: '张三', phone: '13812345678' } };
    await expect(h.runtime.workOrders.intake(actor, payload)).rejects.toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });
});
