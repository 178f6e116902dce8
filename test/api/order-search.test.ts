/**
 * 工单查询 through the API: words of the address and the requester's name (for those who may see
 * requesters), channel, days of receipt in the city's calendar, sorting; a unit finds only its
 * own orders; the centre's .xlsx export carries the result with the requester masked, others are
 * refused; the page shows the same result in words, and a bad date at its field.
 */
import { ApiHarness, Client, openApiHarness } from '../helpers/api-harness';
import { binary, readXlsx } from '../helpers/report-fixtures';

jest.setTimeout(60_000);

let h: ApiHarness;
let op: Client;
const ids: Record<string, string> = {};

const intake = (o: Record<string, unknown>) =>
  op.post('/api/orders', { city: 'sample', channel: 'hotline', category: 'help', requester: { name: '张三', phone: '13800001111' }, location: { district: '新华区', address: '建设路18号' }, ...o });

beforeAll(async () => {
  h = await openApiHarness('2026-03-02T09:00:00+08:00');
  op = await h.login('sample.op1');
  ids.light = (await intake({ content: '小区门口路灯损坏一周', requester: { name: '欧阳明', phone: '13911112222' }, location: { district: '新华区', address: '光明路66号' } })).body.order.id;
  h.clock.advance(24 * 3_600_000); // 3 March (a session lasts a working day: log in again)
  op = await h.login('sample.op1');
  const noise = await intake({ category: 'complaint', channel: 'wechat', content: '夜间施工噪音扰民', location: { district: '卫东区', address: '建设路18号' } });
  if (noise.status !== 201) throw new Error(JSON.stringify(noise.body));
  ids.noise = noise.body.order.id;
  h.clock.advance(24 * 3_600_000); // 4 March
  op = await h.login('sample.op1');
  ids.water = (await intake({ content: '停水两天无人通知', requester: { name: '李四', phone: '13722223333' }, location: { district: '新华区', address: '中兴路1号' } })).body.order.id;
});
afterAll(async () => {
  await h?.close();
});

const found = async (client: Client, query: string) => {
  const res = await client.get(`/api/orders?${query}`);
  expect(res.status).toBe(200);
  return (res.body.items as Array<{ id: string }>).map((o) => o.id);
};

it("finds by words of the address and by the requester's name for the centre", async () => {
  expect(await found(op, `q=${encodeURIComponent('光明路')}`)).toEqual([ids.light]);
  expect(await found(op, `q=${encodeURIComponent('欧阳')}`)).toEqual([ids.light]);
  expect(await found(op, `q=${encodeURIComponent('建设路18号')}`)).toEqual([ids.noise]);
});

it("does not match a requester's name for an auditor, who may not see requesters", async () => {
  const auditor = await h.login('sample.audit1');
  expect(await found(auditor, `q=${encodeURIComponent('欧阳')}`)).toEqual([]);
  expect(await found(auditor, `q=${encodeURIComponent('光明路')}`)).toEqual([ids.light]);
});

it("filters by channel and by days of receipt in the city's calendar, both days included", async () => {
  expect(await found(op, 'channel=wechat')).toEqual([ids.noise]);
  expect(await found(op, 'receivedFrom=2026-03-03&receivedTo=2026-03-03')).toEqual([ids.noise]);
  expect(await found(op, 'receivedFrom=2026-03-03')).toEqual([ids.water, ids.noise]);
  expect(await found(op, 'receivedTo=2026-03-02')).toEqual([ids.light]);
  const bad = await op.get('/api/orders?receivedFrom=2026-02-30');
  expect(bad.status).toBe(400);
  expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'query.receivedFrom' })]);
});

it('sorts newest first by default, oldest first, or by the nearest deadline', async () => {
  expect(await found(op, '')).toEqual([ids.water, ids.noise, ids.light]);
  expect(await found(op, 'sort=oldest')).toEqual([ids.light, ids.noise, ids.water]);
  const byDue = await op.get('/api/orders?sort=due');
  const dues = (byDue.body.items as Array<{ dueAt: string }>).map((o) => Date.parse(o.dueAt));
  expect(dues).toEqual([...dues].sort((a, b) => a - b));
});

it("shows a unit only its own orders", async () => {
  const wd = await h.login('sample.wd-handler');
  expect(await found(wd, '')).toEqual([ids.noise]);
});

it('exports the result as .xlsx for the centre, requester masked; a unit is refused', async () => {
  const res = await op.get('/api/orders.xlsx?channel=hotline').buffer(true).parse(binary);
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toContain('.xlsx');
  const rows = [...(await readXlsx(res.body as Buffer)).values()][0]!.map((r) => r.map((v) => String(v ?? '')));
  const head = rows[1]!;
  expect(head.slice(0, 5)).toEqual(['工单编号', '受理时间', '类别', '渠道', '诉求标题']);
  const body = rows.slice(2).filter((r) => /^[A-Z]+-\d{8}-\d{6}$/.test(r[0]!));
  expect(body).toHaveLength(2);
  expect(body.map((r) => r[2])).toEqual(['求助', '求助']);
  expect(body[1]![1]).toBe('2026-03-02 09:00');
  const requester = body.map((r) => r[head.indexOf('诉求人')]);
  expect(requester).toEqual(['李* 137****3333', '欧** 139****2222']);
  expect(JSON.stringify(rows)).not.toContain('13911112222');

  const wd = await h.login('sample.wd-handler');
  const refused = await wd.get('/api/orders.xlsx');
  expect(refused.status).toBe(403);
  expect(refused.body.code).toBe('EXPORT_NOT_ALLOWED');
});

it('renders 工单查询 in words, and a bad date at its field', async () => {
  const pages = await h.pages('sample.op1');
  const page = await pages.get(`/search?q=${encodeURIComponent('路灯')}`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('共 1 件');
  expect(page.text).toContain('求助');
  expect(page.text).toContain(`/orders/${ids.light}/print`);
  expect(page.text).toContain('导出 Excel');
  const bad = await pages.get('/search?receivedFrom=2026-13-01');
  expect(bad.status).toBe(200);
  expect(bad.text).toMatch(/id="s-receivedFrom-error" role="alert">请填写正确的日期</);
  const refused = await (await h.pages('sample.audit1')).get('/search?q=13911112222');
  expect(refused.text).toContain('您的角色不能按电话、证件号或邮箱查找诉求人');
  expect(refused.text).not.toContain('导出 Excel');
});

it('prints one order on a page of its own, in words', async () => {
  const page = await (await h.pages('sample.op1')).get(`/orders/${ids.light}/print`);
  expect(page.status).toBe(200);
  expect(page.text).toContain('示例市12345热线工单');
  expect(page.text).toContain('小区门口路灯损坏一周');
  expect(page.text).toContain('欧** 139****2222');
  expect(page.text).not.toContain('class="sidenav"');
  const other = await (await h.pages('sample.wd-handler')).get(`/orders/${ids.light}/print`);
  expect(other.status).toBe(403);
});
