/**
 * How a task's fields are offered (issue 13's smaller points), on Haikou's 办理 task: a time that
 * must be past says so in the API (`when`, the server refuses a later one); several
 * units (需联动办理的部门) are check boxes in the unit tree's order, not a Ctrl-click list; one
 * unit is chosen from the tree, indented under its parent.
 */
import { unitTreeOptions } from '../../src/ui/unit-options';
import { ApiHarness, openApiHarness } from '../helpers/api-harness';

jest.setTimeout(120_000);

let h: ApiHarness;
beforeAll(async () => {
  h = await openApiHarness('2026-03-16T09:00:00+08:00');
});
afterAll(async () => {
  await h?.close();
});

interface Field {
  name: string;
  type: string;
  when?: string;
  options?: string[];
}

async function openTaskOf(orderId: string, formKey: string): Promise<string> {
  const op = await h.login('haikou.hk-disp1');
  const order = await op.get(`/api/orders/${orderId}`);
  const task = (order.body.tasks as Array<{ id: string; formKey: string; status: string }>).find((t) => t.formKey === formKey && t.status === 'open');
  if (!task) throw new Error(`no open ${formKey}`);
  return task.id;
}

it("offers Haikou's 办理 fields as a person picks them: past times said so, units as a tree of check boxes", async () => {
  const operator = await h.login('haikou.hk-op1');
  const filed = await operator.post('/api/orders', {
    city: 'haikou',
    category: 'complaint',
    channel: 'hotline',
    topic: '路灯',
    location: { district: '秀英区', address: '秀英区滨海大道西段' },
    content: '滨海大道西段路灯不亮',
    requester: { name: '邢女士', phone: '13907560555' },
  });
  expect(filed.status).toBe(201);
  const orderId = filed.body.order.id as string;
  const handler = await h.login('haikou.sz-handler');
  expect((await handler.post(`/api/tasks/${await openTaskOf(orderId, 'sign')}/complete`, { outcome: 'done' })).status).toBe(200);
  const at = '2026-03-16T09:00:00+08:00';
  const contacted = await handler.post(`/api/tasks/${await openTaskOf(orderId, 'contact')}/complete`, {
    outcome: 'done',
    data: { requesterContactedAt: at, frontDeskContactedAt: at, contactMethod: '电话' },
  });
  expect(contacted.status).toBe(200);

  const handle = await openTaskOf(orderId, 'handle');
  const detail = await handler.get(`/api/tasks/${handle}`);
  expect(detail.status).toBe(200);
  const fields = (detail.body.form.outcomes as Array<{ fields: Field[] }>).flatMap((o) => o.fields);
  expect(fields.find((f) => f.name === 'informedAt')).toMatchObject({ type: 'datetime', when: 'past' });
  const proposed = fields.find((f) => f.name === 'proposedUnits');
  expect(proposed?.type).toBe('units');
  expect(proposed?.options).toContain('秀英区');

  const page = await (await h.pages('haikou.sz-handler')).get(`/tasks/${handle}`);
  expect(page.status).toBe(200);
  // several units: check boxes under a legend, no <select multiple>
  const group = page.text.match(/<fieldset id="f-[a-zA-Z]+-proposedUnits"[\s\S]*?<\/fieldset>/)?.[0] ?? '';
  expect(group).toContain('<legend>需联动办理的部门');
  expect(group).toMatch(/<input type="checkbox" value="秀英区">/);
  expect(page.text).not.toMatch(/<select[^>]*name="proposedUnits"/);
  // in the tree's order, a street indented under its district (full-width spaces)
  const labels = [...group.matchAll(/<label class="check"><input type="checkbox" value="([^"]+)"> ([^<]+)<\/label>/g)].map((m) => [m[1], m[2]]);
  expect(labels.length).toBeGreaterThan(5);
  const district = labels.findIndex(([v]) => v === '秀英区');
  expect(labels[district]?.[1]).toMatch(/^秀英区/);
  // each unit as the tree writes it (indented under its parent, with its kind: 秀英区（区）), in the tree's order
  const tree = unitTreeOptions(h.runtime.catalog.policy('haikou').policy).map((u) => [u.value, u.label]);
  expect(labels).toEqual(tree);
});
