/**
 * The monthly assessment over a year of orders (issue 6: aim under 5 s at 1,000,000 orders on
 * PostgreSQL): Haikou's real policy (8 indicators, 5 rules) on a database filled by
 * year-of-orders.ts, timed end to end through AssessmentService.run (count, compute, store).
 */
import { sql } from 'kysely';
import { AssessmentService } from '../src/engine/assessment/assessment.service';
import type { Actor } from '../src/engine/work-order/actor';
import { createAssessmentFactsRepository } from '../src/db/repositories/assessment-facts.repository';
import type { Runtime } from '../src/app/create-runtime';
import { generateYearOfOrders } from './year-of-orders';

export interface AssessmentBench {
  orders: number;
  ordersInMonth: number;
  generateMs: number;
  /** Each timed run of the month, in ms. */
  runsMs: number[];
  units: number;
  listed: number;
}

const CITY = 'haikou';
const YEAR = 2025;
const MONTH = '2025-10';

export async function measureAssessment(rt: Runtime, orders: number, progress: (t: string) => void): Promise<AssessmentBench> {
  const policy = rt.catalog.policy(CITY).policy;
  const t0 = performance.now();
  await generateYearOfOrders(rt.database.db, policy, { orders, year: YEAR }, (done) => progress(`generated ${done} / ${orders} orders`));
  const generateMs = performance.now() - t0;
  const { rows } = await sql<{ n: string }>`
    SELECT count(*) AS n FROM work_orders WHERE city = ${CITY} AND created_at >= '2025-10-01T00:00:00+08:00' AND created_at < '2025-11-01T00:00:00+08:00'`.execute(rt.database.db);
  const service = new AssessmentService(rt.uow, rt.catalog, rt.clock, createAssessmentFactsRepository(rt.database.db));
  const supervisor: Actor = { id: 'bench', name: 'bench', city: CITY, role: 'supervisor', unit: policy.centre };
  const runsMs: number[] = [];
  let last = null;
  for (let i = 0; i < 4; i++) {
    const t = performance.now();
    last = await service.run(supervisor, CITY, MONTH);
    if (i > 0) runsMs.push(performance.now() - t); // the first run warms the caches
  }
  return {
    orders,
    ordersInMonth: Number(rows[0]?.n ?? 0),
    generateMs,
    runsMs,
    units: last?.result.units.filter((u) => u.assessed).length ?? 0,
    listed: last?.result.lists.length ?? 0,
  };
}
