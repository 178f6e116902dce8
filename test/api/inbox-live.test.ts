/**
 * Work that arrives (issue 13 point 7): the inbox's event stream (its own unit only, ends on
 * logout, a limit per user), 批量签收 with a report per task, and the inbox list's filters.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { batchSignOutcome } from '../../src/engine/queries/batch-sign.service';
import { ApiHarness, Client, DEMO_PASSWORD, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(60_000);

let h: ApiHarness;
let server: Server;
let base: string;
let op: Client;
let xh: Client;
beforeAll(async () => {
  h = await openApiHarness();
  server = await new Promise<Server>((resolve) => {
    const s = h.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  op = await h.login('sample.op1');
  xh = await h.login('sample.xh-handler');
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await h.close();
});

async function intake(over: Record<string, unknown> = {}): Promise<{ orderId: string; taskId: string; number: string }> {
  const body = { city: 'sample', category: 'complaint', channel: 'hotline', content: '路灯不亮', requester: { name: '张三', phone: '13812345678' }, ...over };
  const res = await op.post('/api/orders', body);
  expect(res.status).toBe(201);
  return { orderId: res.body.order.id, taskId: res.body.tasks[0].id, number: res.body.order.number };
}

/** A browser-like session: its cookie and CSRF token. */
async function session(username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

interface Event {
  event: string;
  data: Record<string, unknown>;
}

/** An open stream: its events as they come, and a way to wait for one. */
async function stream(cookie: string, query = ''): Promise<{ status: number; events: Event[]; next(match: (e: Event) => boolean, ms?: number): Promise<Event>; close(): void }> {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/inbox/stream${query}`, { headers: { cookie, Accept: 'text/event-stream' }, signal: controller.signal });
  const events: Event[] = [];
  if (res.status === 200 && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += value;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
        }
      }
    })();
  }
  return {
    status: res.status,
    events,
    async next(match, ms = 4000) {
      const until = performance.now() + ms;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (performance.now() > until) throw new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () => controller.abort(),
  };
}

describe('GET /api/inbox/stream', () => {
  it('needs a logged-in user', async () => {
    const res = await h.request().get('/api/inbox/stream');
    expect(res.status).toBe(401);
    expect((await stream('')).status).toBe(401);
  });

  it("pushes the unit's new task within seconds, and nothing of it to another unit", async () => {
    const xhSession = await session('sample.xh-handler');
    const wdSession = await session('sample.wd-handler');
    const since = h.clock.now().toISOString();
    const mine = await stream(xhSession.cookie, `?since=${encodeURIComponent(since)}`);
    const other = await stream(wdSession.cookie, `?since=${encodeURIComponent(since)}`);
    expect(mine.status).toBe(200);
    const first = await mine.next((e) => e.event === 'inbox');
    expect(first.data).toEqual({ counts: { toSign: 0, inProgress: 0, dueSoon: 0, overdue: 0, done: 0 }, todo: 0, arrived: 0 });
    await other.next((e) => e.event === 'inbox');
    h.clock.advance(1000);
    await intake({ location: { district: '新华区', address: '建设路1号' } });
    const arrived = await mine.next((e) => e.event === 'inbox' && e.data.todo === 1, 3000);
    expect(arrived.data).toMatchObject({ counts: { toSign: 1 }, todo: 1, arrived: 1 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(other.events).toEqual([{ event: 'inbox', data: { counts: { toSign: 0, inProgress: 0, dueSoon: 0, overdue: 0, done: 0 }, todo: 0, arrived: 0 } }]);
    mine.close();
    other.close();
  });

  it('ends when the user logs out', async () => {
    const s = await session('sample.xh-leader');
    const live = await stream(s.cookie);
    await live.next((e) => e.event === 'inbox');
    const out = await fetch(`${base}/api/session`, { method: 'DELETE', headers: { cookie: s.cookie, 'X-CSRF-Token': s.csrf } });
    expect(out.status).toBeLessThan(300);
    expect((await live.next((e) => e.event === 'end', 4000)).data).toEqual({ reason: 'logged-out' });
  });

  it('refuses a seventh open stream of one user (429) and takes one again once a page closes', async () => {
    const s = await session('sample.zj-handler');
    const open = [];
    for (let i = 0; i < 6; i++) open.push(await stream(s.cookie));
    expect(open.map((o) => o.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const seventh = await fetch(`${base}/api/inbox/stream`, { headers: { cookie: s.cookie } });
    expect(seventh.status).toBe(429);
    expect(((await seventh.json()) as { code: string }).code).toBe('TOO_MANY_STREAMS');
    open.pop()!.close();
    await new Promise((r) => setTimeout(r, 300));
    const again = await stream(s.cookie);
    expect(again.status).toBe(200);
    for (const o of [...open, again]) o.close();
  });

  it('refuses a malformed since or scope (400)', async () => {
    expect((await xh.get('/api/inbox/stream?since=yesterday')).status).toBe(400);
    expect((await xh.get('/api/inbox/stream?scope=all')).status).toBe(400);
  });
});

describe('POST /api/inbox/batch-sign', () => {
  it('signs what it may, and reports per task why not for the rest, changing nothing of those', async () => {
    const a = await intake({ content: '批量一' });
    const b = await intake({ content: '批量二' });
    const w = await intake({ content: '卫东区的', location: { district: '卫东区', address: '卫东路1号' } });
    const leader = await h.login('sample.xh-leader');
    expect((await leader.post(`/api/tasks/${b.taskId}/claim`)).status).toBe(200);
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await xh.post('/api/inbox/batch-sign', { taskIds: [a.taskId, b.taskId, w.taskId, a.taskId, missing] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      signed: 1,
      refused: 3,
      results: [
        { taskId: a.taskId, orderNumber: a.number, signed: true },
        { taskId: b.taskId, orderNumber: b.number, signed: false, code: 'TASK_CLAIMED_BY_OTHER', message: expect.any(String) },
        { taskId: w.taskId, orderNumber: null, signed: false, code: 'ORDER_NOT_VISIBLE', message: expect.any(String) },
        { taskId: missing, orderNumber: null, signed: false, code: 'TASK_NOT_FOUND', message: expect.any(String) },
      ],
    });
    const order = async (id: string) => (await op.get(`/api/orders/${id}`)).body;
    expect((await order(a.orderId)).order.status).toBe('in-progress');
    const bOrder = await order(b.orderId);
    expect(bOrder.order.status).toBe('dispatched');
    expect(bOrder.tasks.find((t: { id: string }) => t.id === b.taskId)).toMatchObject({ status: 'open', assignee: 'sample.xh-leader' });
    const wOrder = await order(w.orderId);
    expect(wOrder.order.status).toBe('dispatched');
    expect(wOrder.tasks.find((t: { id: string }) => t.id === w.taskId)).toMatchObject({ status: 'open', assignee: null });
    const again = await xh.post('/api/inbox/batch-sign', { taskIds: [a.taskId] });
    expect(again.body.results[0]).toMatchObject({ signed: false, code: 'TASK_NOT_OPEN' });
  });

  it('takes only sign tasks that ask for nothing, as the policies say', () => {
    const tasks = (city: string) => h.runtime.catalog.policy(city).policy.tasks;
    expect(batchSignOutcome(tasks('sample').sign)).toBe('done');
    expect(batchSignOutcome(tasks('anshan').sign)).toBe('sign');
    expect(batchSignOutcome(tasks('huizhou').sign)).toBe('done');
    expect(batchSignOutcome(tasks('pingdingshan').sign)).toBe('done');
    expect(batchSignOutcome(tasks('haikou').contact)).toBeNull();
    expect(batchSignOutcome(tasks('sample').handle)).toBeNull();
  });

  it('refuses an empty batch or a malformed task id (400)', async () => {
    expect((await xh.post('/api/inbox/batch-sign', { taskIds: [] })).status).toBe(400);
    expect((await xh.post('/api/inbox/batch-sign', { taskIds: ['x'] })).status).toBe(400);
  });
});

describe('GET /api/inbox filters and sorting', () => {
  it('narrows a tab by category, lead unit and due, and sorts by arrival', async () => {
    const help = await intake({ category: 'help', content: '求助' });
    h.clock.advance(1000);
    const urgent = await intake({ category: 'urgent', content: '紧急' });
    const ids = async (q: string) => ((await xh.get(`/api/inbox?tab=to-sign&pageSize=100${q}`)).body.items as Array<{ id: string }>).map((i) => i.id);
    expect(await ids('&category=help')).toEqual([help.taskId]);
    expect(await ids('&due=today')).toEqual([urgent.taskId]);
    expect(await ids(`&unit=${encodeURIComponent('卫东区')}`)).toEqual([]);
    expect(await ids(`&unit=${encodeURIComponent('新华区')}`)).toEqual(expect.arrayContaining([help.taskId, urgent.taskId]));
    const newest = await ids('&sort=newest');
    expect(newest[0]).toBe(urgent.taskId);
    const oldest = await ids('&sort=oldest');
    expect(oldest.indexOf(help.taskId)).toBeLessThan(oldest.indexOf(urgent.taskId));
    expect(await ids('&due=overdue')).toEqual([]);
    await h.jobs.advanceTo(new Date(new Date(h.clock.now().getTime() + 31 * 60_000)));
    expect(await ids('&due=overdue')).toEqual([urgent.taskId]);
    const counted = await xh.get('/api/inbox?tab=to-sign&category=help');
    expect(counted.body.total).toBe(1);
  });
});
