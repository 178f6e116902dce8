/**
 * Live engines kept between steps must never go stale: two runtimes (as two processes) step one
 * order in turn on one database; each takes its cached engine only when the row version matches.
 */
import { createRuntime, Runtime } from '../../../src/app/create-runtime';
import type { Database } from '../../../src/db/database';
import { findDemoUser } from '../../../src/engine/work-order/actor';
import { silentLogger } from '../../../src/shared/logger';
import { VirtualClock } from '../../../src/shared/virtual-clock';
import { sampleOrder } from '../../helpers/engine-harness';
import { openTestDatabase } from '../../helpers/test-db';
import { TEST_RUNTIME_OPTIONS } from '../../helpers/test-runtime-options';

jest.setTimeout(60_000);

let database: Database;
let clock: VirtualClock;
let a: Runtime;
let b: Runtime;

beforeAll(async () => {
  database = await openTestDatabase();
  clock = new VirtualClock(new Date('2026-03-02T09:00:00+08:00'));
  const options = { clock, logger: silentLogger(), database, policiesDir: 'policies', processesDir: 'processes', cities: ['sample'], ...TEST_RUNTIME_OPTIONS };
  a = await createRuntime(options);
  b = await createRuntime(options);
});

afterAll(async () => {
  clock.uninstall();
  await Promise.all([a.uploadChecks.close(), b.uploadChecks.close()]); // the database is shared: closed once, below
  await database.close();
});

const user = (ref: string) => findDemoUser(a.catalog.policy('sample').policy, ref);

async function complete(runtime: Runtime, orderId: string, formKey: string, outcome: string, data?: Record<string, unknown>): Promise<string[]> {
  const task = (await runtime.workOrders.tasksOf(orderId)).find((t) => t.status === 'open' && t.formKey === formKey);
  if (!task) throw new Error(`no open ${formKey}`);
  const ref = formKey === 'sign' || formKey === 'handle' ? 'handler@新华区' : 'dispatcher';
  await runtime.workOrders.completeTask(user(ref), task.id, { outcome, data });
  return (await runtime.workOrders.tasksOf(orderId)).filter((t) => t.status === 'open').map((t) => t.formKey).sort();
}

it('two processes stepping one order alternately each see the other\'s steps', async () => {
  const order = await a.workOrders.intake(user('operator'), sampleOrder());
  expect(await complete(a, order.id, 'sign', 'done')).toEqual(['handle']);
  // b steps the order: a's cached engine (after sign) is now stale
  expect(await complete(b, order.id, 'handle', 'return', { reason: '属卫东区' })).toEqual(['reviewReturn']);
  // a must not signal its stale engine (where handle is still waiting): it recovers from the database
  expect(await complete(a, order.id, 'reviewReturn', 'reject', { reason: '属本单位职责' })).toEqual(['handle']);
  expect(await complete(a, order.id, 'handle', 'reply', { result: '已修复', informedAt: '2026-03-02T09:00:00+08:00', informedBy: '电话' })).toEqual(['review']);
  expect(await complete(b, order.id, 'review', 'approve')).toEqual(['visit']);
  expect(await complete(a, order.id, 'visit', 'done', { satisfaction: '满意' })).toEqual([]);
  const closed = await a.workOrders.getOrder(order.id);
  expect(closed.status).toBe('closed');
  const completions = (await a.workOrders.auditOf(order.id)).filter((e) => e.type === 'task.completed').map((e) => e.data.name);
  expect(completions).toEqual(['签收', '办理', '退单审核', '办理', '答复审核', '回访']);
});

it('a diagram deployed through one process is used by the next order another process records', async () => {
  // v2: the centre's return visit is due in 3 working days instead of 2
  const xml = (await a.deployments.version('sample', 1)).xml.replace('minhu:form="visit" minhu:unit="centre" minhu:due="2wd"', 'minhu:form="visit" minhu:unit="centre" minhu:due="3wd"');
  expect(xml).toContain('minhu:due="3wd"');
  const deployed = await a.deployments.deploy('sample', xml, 'sample.admin1');
  expect(deployed.created).toBe(true);
  expect(b.catalog.hasModelVersion('sample', deployed.version)).toBe(false);
  clock.advance(2_000);
  const order = await b.workOrders.intake(user('operator'), sampleOrder());
  expect(order.processVersion).toBe(deployed.version);
  // and the first process steps it on that version too
  expect(await complete(a, order.id, 'sign', 'done')).toEqual(['handle']);
});
