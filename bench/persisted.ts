/**
 * The persisted figures: the real WorkOrderService on a throw-away database, with the system
 * clock. Intake (to the first wait state, committed) and completeTask along the happy path, each
 * command one transaction. Inbox reads that find the next task id are not timed.
 */
import path from 'node:path';
import { createRuntime, Runtime } from '../src/app/create-runtime';
import { openScratchDatabase } from '../src/db/scratch-database';
import { Actor, findDemoUser } from '../src/engine/work-order/actor';
import { SystemClock } from '../src/shared/clock';
import type { Logger } from '../src/shared/logger';
import { BenchError, HAPPY_PATH } from './in-memory';
import { emptySample, merge, Sample, spread, timed } from './stats';

const ROOT = path.resolve(__dirname, '..');

export interface PersistedResult {
  clients: number;
  intake: Sample;
  /** completeTask of every task of the happy path together. */
  steps: Sample;
  /** completeTask by task key (sign, handle, review, visit). */
  byTask: Record<string, Sample>;
}

export interface BenchRuntime {
  runtime: Runtime;
  version: string;
  close(): Promise<void>;
}

/** A runtime on a scratch database: PGlite in memory without a URL, else a new database on that server. */
export async function openBenchRuntime(databaseUrl: string | undefined, logger: Logger): Promise<BenchRuntime> {
  const database = await openScratchDatabase(databaseUrl, logger);
  let runtime: Runtime;
  try {
    runtime = await createRuntime({
      clock: new SystemClock(),
      logger,
      database,
      policiesDir: path.join(ROOT, 'policies'),
      processesDir: path.join(ROOT, 'processes'),
    });
  } catch (err) {
    await database.close();
    throw err;
  }
  const { rows } = await database.pool.query<{ version: string }>('select version() as version');
  return { runtime, version: rows[0]?.version ?? '?', close: () => runtime.close() };
}

function intakePayload(i: number): Record<string, unknown> {
  return {
    city: 'sample',
    category: 'help',
    channel: 'hotline',
    content: `路灯坏了（压测 ${i}）`,
    requester: { name: '张三', phone: '13800000000' },
    location: { district: '新华区' },
  };
}

/**
 * Runs `orders` orders from intake to the end with `clients` concurrent clients; order i always
 * belongs to client i % clients, so no two clients act on the same order. Phase by phase:
 * all intakes, then all signs, all handles… so each phase has its own wall time.
 */
export async function runOrders(rt: Runtime, orders: number, clients: number): Promise<PersistedResult> {
  const policy = rt.catalog.policy('sample').policy;
  const actors = new Map<string, Actor>();
  const actor = (ref: string): Actor => {
    let found = actors.get(ref);
    if (!found) actors.set(ref, (found = findDemoUser(policy, ref)));
    return found;
  };
  const operator = actor('operator');

  const ids: string[] = new Array<string>(orders);
  const intake = emptySample();
  intake.wallMs = await spread(orders, clients, async (i) => {
    const order = await timed(intake, () => rt.workOrders.intake(operator, intakePayload(i)));
    ids[i] = order.id;
  });

  const byTask: Record<string, Sample> = {};
  for (const step of HAPPY_PATH) {
    const taskIds: string[] = new Array<string>(orders);
    await spread(orders, clients, async (i) => {
      const open = (await rt.workOrders.tasksOf(ids[i]!)).filter((t) => t.status === 'open' && t.formKey === step.task);
      if (open.length !== 1) throw new BenchError(`order ${ids[i]}: expected one open ${step.task} task, found ${open.length}`);
      taskIds[i] = open[0]!.id;
    });
    const sample = emptySample();
    const who = actor(step.actor);
    sample.wallMs = await spread(orders, clients, async (i) => {
      await timed(sample, () => rt.workOrders.completeTask(who, taskIds[i]!, { outcome: step.outcome, data: step.data }));
    });
    byTask[step.task] = sample;
  }

  await spread(orders, clients, async (i) => {
    const order = await rt.workOrders.getOrder(ids[i]!);
    if (order.status !== 'closed') throw new BenchError(`order ${order.number} ended as ${order.status}, expected closed`);
  });
  return { clients, intake, steps: merge(...Object.values(byTask)), byTask };
}

/** A warm-up of `warmup` orders, then the measured run. */
export async function measurePersisted(rt: Runtime, orders: number, warmup: number, clients: number): Promise<PersistedResult> {
  if (warmup > 0) await runOrders(rt, warmup, clients);
  return runOrders(rt, orders, clients);
}
