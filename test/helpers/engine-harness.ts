import { createRuntime, Runtime } from '../../src/app/create-runtime';
import { Actor, findDemoUser } from '../../src/engine/work-order/actor';
import type { Task } from '../../src/engine/ports';
import { VirtualJobRunner } from '../../src/scheduler/virtual-job-runner';
import { silentLogger } from '../../src/shared/logger';
import { VirtualClock } from '../../src/shared/virtual-clock';
import { TEST_RUNTIME_OPTIONS } from './test-runtime-options';
import { openTestDatabase } from './test-db';

export interface Harness {
  runtime: Runtime;
  clock: VirtualClock;
  jobs: VirtualJobRunner;
  actor(ref: string): Actor;
  openTasks(orderId: string): Promise<Task[]>;
  close(): Promise<void>;
}

/**
 * A city (the sample city unless named) on a fresh test database, on a virtual clock starting at
 * `start`; `engineCacheSize` as MINHU_ENGINE_CACHE (0: every step recovers its instance).
 */
export async function openHarness(start: string, opts: { processesDir?: string; city?: string; engineCacheSize?: number } = {}): Promise<Harness> {
  const city = opts.city ?? 'sample';
  const database = await openTestDatabase();
  const clock = new VirtualClock(new Date(start));
  try {
    const runtime = await createRuntime({
      clock,
      logger: silentLogger(),
      database,
      policiesDir: 'policies',
      processesDir: opts.processesDir ?? 'processes',
      cities: [city],
      engineCacheSize: opts.engineCacheSize,
      ...TEST_RUNTIME_OPTIONS,
    });
    return {
      runtime,
      clock,
      jobs: new VirtualJobRunner(runtime.dueJobs, clock, runtime.jobHandlers),
      actor: (ref) => findDemoUser(runtime.catalog.policy(city).policy, ref),
      openTasks: async (orderId) => (await runtime.workOrders.tasksOf(orderId)).filter((t) => t.status === 'open'),
      async close() {
        clock.uninstall();
        await runtime.close();
      },
    };
  } catch (err) {
    clock.uninstall();
    await database.close();
    throw err;
  }
}

export const REQUESTER = { name: '张三', phone: '13800000000' };

export function sampleOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    city: 'sample',
    category: 'help',
    channel: 'hotline',
    topic: '路灯',
    content: '小区门口路灯不亮',
    requester: REQUESTER,
    location: { district: '新华区', address: '建设路1号' },
    ...overrides,
  };
}
