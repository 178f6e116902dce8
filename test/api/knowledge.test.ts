import type { Actor } from '../../src/engine/work-order/actor';
import { DomainError } from '../../src/shared/errors';
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

const hzOperator: Actor = { id: 'huizhou.hz-op1', name: '陈话务', city: 'huizhou', role: 'operator', unit: '惠州市12345热线管理机构' };
const entry = {
  title: '公积金租房提取额度',
  answer: '无房职工租房提取每月不超过1500元，可通过粤省事或惠州公积金微信公众号办理',
  category: 'consultation',
  topic: '住房公积金',
};
function answerIntake(knowledgeId: string) {
  return {
    city: 'huizhou',
    category: 'consultation',
    channel: 'hotline',
    topic: '住房公积金',
    content: '租房能提取多少公积金？',
    requester: { name: '王五', phone: '13800001111' },
    mode: 'answer',
    answer: entry.answer,
    knowledgeId,
  };
}
async function intakeError(payload: object): Promise<string> {
  try {
    await h.runtime.workOrders.intake(hzOperator, payload);
    return 'accepted';
  } catch (err) {
    return err instanceof DomainError ? err.code : String(err);
  }
}

let h: ApiHarness;
let handler: Client;
let dispatcher: Client;
beforeAll(async () => {
  h = await openApiHarness();
  handler = await h.login('huizhou.hc-handler');
  dispatcher = await h.login('huizhou.hz-disp1');
});
afterAll(async () => {
  await h.close();
});

describe('the knowledge base (HZ-7, HZ-14)', () => {
  it('a unit proposes, the centre approves, an operator answers at intake citing the entry', async () => {
    const proposed = await handler.post('/api/knowledge', entry);
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ ...entry, city: 'huizhou', status: 'proposed', proposedBy: 'huizhou.hc-handler', decidedBy: null });
    const id = proposed.body.id as string;

    expect((await dispatcher.get('/api/knowledge?q=公积金')).body.total).toBe(0);
    expect(await intakeError(answerIntake(id))).toBe('KNOWLEDGE_ENTRY_NOT_APPROVED');

    const approved = await dispatcher.post(`/api/knowledge/${id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id, status: 'approved', decidedBy: 'huizhou.hz-disp1', decidedAt: expect.any(String) });
    const found = await handler.get(`/api/knowledge?q=${encodeURIComponent('租房 1500')}&category=consultation`);
    expect(found.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id, status: 'approved' })] });
    expect((await handler.get(`/api/knowledge/${id}`)).body.title).toBe(entry.title);

    const order = await h.runtime.workOrders.intake(hzOperator, answerIntake(id));
    expect(order.status).toBe('answered');
    expect(order.data.intake).toEqual({ mode: 'answer', answer: entry.answer, knowledgeId: id });
  });

  it('decides once: approving or rejecting again is 409 KNOWLEDGE_ALREADY_DECIDED', async () => {
    const id = (await handler.post('/api/knowledge', { title: '社保缴费基数', answer: '在上下限之间自行选择' })).body.id as string;
    const admin = await h.login('huizhou.hz-admin1');
    expect((await admin.post(`/api/knowledge/${id}/reject`)).body.status).toBe('rejected');
    for (const action of ['approve', 'reject']) {
      const again = await dispatcher.post(`/api/knowledge/${id}/${action}`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('KNOWLEDGE_ALREADY_DECIDED');
    }
    expect(await intakeError(answerIntake(id))).toBe('KNOWLEDGE_ENTRY_NOT_APPROVED');
    const both = await Promise.all([1, 2].map(async () => {
      const fresh = (await handler.post('/api/knowledge', { title: `并发${id}`, answer: '两人同时审核' })).body.id as string;
      return Promise.all([dispatcher.post(`/api/knowledge/${fresh}/approve`), admin.post(`/api/knowledge/${fresh}/approve`)]);
    }));
    for (const pair of both) expect(pair.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('shows proposals to the centre, and to other users only their own', async () => {
    const mine = (await handler.post('/api/knowledge', { title: '惠城区垃圾清运时间', answer: '每日两次' })).body.id as string;
    const centre = (await dispatcher.get('/api/knowledge?status=proposed')).body.items as Array<{ id: string }>;
    expect(centre.map((e) => e.id)).toContain(mine);
    const own = (await handler.get('/api/knowledge?status=proposed')).body.items as Array<{ proposedBy: string }>;
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.proposedBy === 'huizhou.hc-handler')).toBe(true);
    const colleague = await h.login('huizhou.hy-handler');
    expect((await colleague.get('/api/knowledge?status=proposed')).body.total).toBe(0);
    expect((await colleague.get(`/api/knowledge/${mine}`)).status).toBe(404);
  });

  it('refuses the wrong role, another city and malformed entries', async () => {
    const id = (await handler.post('/api/knowledge', { title: '待审条目', answer: '内容' })).body.id as string;
    const byUnit = await handler.post(`/api/knowledge/${id}/approve`);
    expect(byUnit.status).toBe(403);
    expect(byUnit.body.code).toBe('ROLE_NOT_ALLOWED');
    const auditor = await h.login('huizhou.hz-audit1');
    expect((await auditor.post('/api/knowledge', entry)).body.code).toBe('ROLE_NOT_ALLOWED');

    const sampleDisp = await h.login('sample.disp1');
    const foreign = await sampleDisp.post(`/api/knowledge/${id}/approve`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('KNOWLEDGE_NOT_FOUND');
    const otherCity = await sampleDisp.get('/api/knowledge?city=huizhou');
    expect(otherCity.status).toBe(403);
    expect(otherCity.body.code).toBe('CITY_MISMATCH');

    const sampleEntry = (await sampleDisp.post('/api/knowledge', { title: '示例', answer: '示例答复' })).body.id as string;
    await sampleDisp.post(`/api/knowledge/${sampleEntry}/approve`);
    expect(await intakeError(answerIntake(sampleEntry))).toBe('KNOWLEDGE_ENTRY_NOT_APPROVED');

    const badCategory = await handler.post('/api/knowledge', { ...entry, category: 'gossip' });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.errors).toEqual([{ path: 'category', message: expect.stringContaining('consultation') }]);
    const noTitle = await handler.post('/api/knowledge', { answer: '内容' });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.errors).toEqual([expect.objectContaining({ path: 'body.title' })]);
    expect((await dispatcher.post('/api/knowledge/not-an-id/approve')).status).toBe(400);
  });

  it("still accepts a reference to a city's external knowledge base (not an id of minhu's)", async () => {
    const order = await h.runtime.workOrders.intake(hzOperator, answerIntake('KB-GJJ-0031'));
    expect(order.status).toBe('answered');
  });
});
