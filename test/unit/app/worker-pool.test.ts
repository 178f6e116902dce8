import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { PoolRefusal, WorkerPool, WorkerPoolOptions } from '../../../src/app/worker-pool';
import { RuleViolation } from '../../../src/shared/errors';

/** Workers load TypeScript through tsx (a few hundred ms each): generous, not a performance bound. */
jest.setTimeout(30_000);

const FILE = path.resolve(__dirname, '../../fixtures/workers/test-jobs.worker.ts');

class Refused extends RuleViolation {
  constructor(readonly reason: PoolRefusal, message: string) {
    super(`REFUSED_${reason.toUpperCase()}`, message);
  }
}

let pool: WorkerPool;
function open(opts: Partial<WorkerPoolOptions> = {}): WorkerPool {
  pool = new WorkerPool({ file: FILE, size: 1, maxQueued: 8, maxPerKey: 8, timeoutMs: 20_000, refuse: (r, m) => new Refused(r, m), ...opts });
  return pool;
}
afterEach(() => pool.close());

const reasonOf = (p: Promise<unknown>) => p.then(() => 'answered', (err: unknown) => (err instanceof Refused ? err.reason : err));

it('answers each job from a worker thread, plain data in and out', async () => {
  open({ size: 2 });
  const answers = await Promise.all([1, 2, 3].map((n) => pool.run('a', { echo: { n } })));
  expect(answers.map((a) => (a as { echo: unknown }).echo)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  for (const a of answers) expect((a as { threadId: number }).threadId).not.toBe(threadId);
  expect(pool.counts).toEqual({ answered: 3, started: 2 });
});

it('a job over the time limit is refused and its worker ended; the job behind it gets a fresh worker', async () => {
  open({ timeoutMs: 300 });
  const hung = reasonOf(pool.run('a', { hang: true }));
  const behind = pool.run('a', { echo: 'behind' });
  expect(await hung).toBe('timeout');
  expect(await behind).toMatchObject({ echo: 'behind' });
  expect(pool.counts).toEqual({ answered: 1, started: 2 });
});

it('a job over the heap limit is refused as memory, not the process', async () => {
  open({ resourceLimits: { maxOldGenerationSizeMb: 16 } });
  expect(await reasonOf(pool.run('a', { memory: true }))).toBe('memory');
  expect(await pool.run('a', { echo: 'still here' })).toMatchObject({ echo: 'still here' });
});

it("refuses as busy past the queue's bound and past one key's share; another key still gets in", async () => {
  open({ maxQueued: 3, maxPerKey: 2, timeoutMs: 1000 });
  await pool.run('a', { echo: 0 }); // the worker is up: the next job runs at once, the others wait
  const first = reasonOf(pool.run('a', { hang: true }));
  const second = reasonOf(pool.run('a', { echo: 2 }));
  expect(await reasonOf(pool.run('a', { echo: 3 }))).toBe('busy');
  const other = [reasonOf(pool.run('b', { echo: 4 })), reasonOf(pool.run('b', { echo: 5 }))];
  expect(await reasonOf(pool.run('c', { echo: 6 }))).toBe('busy'); // the queue holds 3
  expect(await Promise.all([first, second, ...other])).toEqual(['timeout', 'answered', 'answered', 'answered']);
  expect(await pool.run('a', { echo: 7 })).toMatchObject({ echo: 7 }); // the shares are given back
});

it("a free worker takes another key's job before more of the key it is running", async () => {
  open();
  await pool.run('a', { echo: 0 });
  const order: string[] = [];
  const track = (key: string, n: number) => pool.run(key, { echo: n }).then(() => order.push(`${key}${n}`));
  await Promise.all([track('a', 1), track('a', 2), track('a', 3), track('b', 4)]);
  expect(order).toEqual(['a1', 'b4', 'a2', 'a3']);
});

it("a worker's failure answer is refused as crashed", async () => {
  open();
  expect(await reasonOf(pool.run('a', { fail: 'boom' }))).toBe('crashed');
});

it('close refuses the waiting jobs and later ones', async () => {
  open();
  const waiting = [reasonOf(pool.run('a', { echo: 1 })), reasonOf(pool.run('a', { echo: 2 }))];
  await pool.close();
  expect(await Promise.all(waiting)).toEqual(['closed', 'closed']);
  expect(await reasonOf(pool.run('a', { echo: 3 }))).toBe('closed');
});
