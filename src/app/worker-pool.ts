import { ResourceLimits, Worker } from 'node:worker_threads';
import type { DomainError } from '../shared/errors';

/** Why the pool did not get an answer: the caller turns each into its own error. */
export type PoolRefusal =
  | 'timeout' // the job ran longer than timeoutMs: its worker was terminated
  | 'memory' // the job's worker ran out of its resourceLimits
  | 'busy' // the queue, or the key's share of it, is full
  | 'crashed' // the worker failed in any other way (a bug)
  | 'closed'; // the pool was closed

export interface WorkerPoolOptions {
  /**
   * The worker's program. It posts `{ type: 'ready' }` once loaded, then answers each
   * `{ id, request }` with `{ id, ok: true, value }` or `{ id, ok: false, message }`.
   * A `.ts` file is loaded through tsx's require hook: `npm start` and the tests run TypeScript.
   */
  file: string;
  /** Workers at most, started when first needed and kept. */
  size: number;
  /** Jobs waiting for a worker at most; more are refused 'busy'. */
  maxQueued: number;
  /** Jobs of one key (a city) waiting or running at most, so one city cannot fill the queue. */
  maxPerKey: number;
  /** How long one job may run in its worker, in milliseconds; then the worker is terminated. */
  timeoutMs: number;
  /** Heap limits of each worker: a job that exceeds them ends its worker, not the process. */
  resourceLimits?: ResourceLimits;
  refuse(reason: PoolRefusal, message: string): DomainError;
}

interface Job {
  id: number;
  key: string;
  request: unknown;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Terminated or exited: its later events change nothing. */
  stopped: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

type Reply = { type: 'ready' } | { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** The worker's first lines: tsx's require hook for a .ts program, then the program itself. */
const BOOTSTRAP = String.raw`
'use strict';
const { workerData } = require('node:worker_threads');
if (workerData.hook) require(workerData.hook);
require(workerData.file);
`;

/**
 * A small pool of worker threads for CPU-bound jobs that must not hold the event loop that
 * serves every city. Bounded: `size` workers, `maxQueued` waiting jobs, `maxPerKey` jobs of one
 * key; the waiting keys take turns (round robin), so another city's check does not wait behind
 * one city's burst; a job over `timeoutMs` terminates its worker
 * (the next job starts a fresh one).
 * Requests and answers are plain data (structured clone).
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly perKey = new Map<string, number>();
  /** When each key's last job went to a worker (a count of dispatches), for the round robin. */
  private readonly served = new Map<string, number>();
  private dispatched = 0;
  private nextId = 1;
  private closed = false;
  /** Jobs answered by a worker, and the worker threads started (for tests and the bench). */
  readonly counts = { answered: 0, started: 0 };

  constructor(private readonly opts: WorkerPoolOptions) {}

  run(key: string, request: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(this.opts.refuse('closed', 'the server is shutting down'));
    const ofKey = this.perKey.get(key) ?? 0;
    if (this.queue.length >= this.opts.maxQueued || ofKey >= this.opts.maxPerKey) {
      const why = ofKey >= this.opts.maxPerKey ? `${ofKey} checks of ${key} are already waiting or running` : `${this.queue.length} checks are waiting`;
      return Promise.reject(this.opts.refuse('busy', why));
    }
    this.perKey.set(key, ofKey + 1);
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, key, request, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts a worker now if none runs, so the next job does not wait for one to start. */
  warm(): void {
    if (!this.closed && this.slots.length === 0) this.slots.push(this.spawn());
  }

  /** Workers running a job now. */
  busy(): number {
    return this.slots.filter((s) => s.job !== null).length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, () => job.reject(this.opts.refuse('closed', 'the server is shutting down')));
    await Promise.all(this.slots.splice(0).map((slot) => this.stop(slot, 'closed', 'the server is shutting down')));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && s.job === null);
      if (!slot) {
        if (this.slots.length < this.opts.size) this.slots.push(this.spawn());
        return;
      }
      const job = this.next();
      slot.job = job;
      slot.timer = setTimeout(() => void this.stop(slot, 'timeout', `the check ran longer than ${this.opts.timeoutMs} ms`), this.opts.timeoutMs);
      slot.worker.postMessage({ id: job.id, request: job.request });
    }
  }

  /**
   * Round robin over the keys waiting: the oldest job of the key with the fewest jobs running,
   * and of those the key served longest ago, so one key's burst does not hold the others back.
   */
  private next(): Job {
    const rank = (key: string) => [this.slots.filter((s) => s.job?.key === key).length, this.served.get(key) ?? 0] as const;
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const [running, last] = rank(this.queue[i]!.key);
      const [bestRunning, bestLast] = rank(this.queue[best]!.key);
      if (running < bestRunning || (running === bestRunning && last < bestLast)) best = i;
    }
    const job = this.queue.splice(best, 1)[0]!;
    this.served.set(job.key, ++this.dispatched);
    return job;
  }

  private spawn(): Slot {
    const hook = this.opts.file.endsWith('.ts') ? require.resolve('tsx/cjs') : undefined;
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      execArgv: [],
      workerData: { file: this.opts.file, hook },
      resourceLimits: this.opts.resourceLimits,
    });
    worker.unref();
    this.counts.started++;
    const slot: Slot = { worker, ready: false, stopped: false, job: null, timer: null };
    worker.on('message', (reply: Reply) => this.onReply(slot, reply));
    worker.on('error', (err: Error & { code?: string }) => {
      const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      void this.stop(slot, memory ? 'memory' : 'crashed', memory ? 'the check ran out of memory' : `the check failed: ${err.message}`);
    });
    worker.on('exit', () => void this.stop(slot, 'crashed', 'the check stopped'));
    return slot;
  }

  private onReply(slot: Slot, reply: Reply): void {
    if ('type' in reply) {
      slot.ready = true;
      return this.dispatch();
    }
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    this.counts.answered++;
    this.settle(job, () => (reply.ok ? job.resolve(reply.value) : job.reject(this.opts.refuse('crashed', `the check failed: ${reply.message}`))));
    this.dispatch();
  }

  /**
   * Ends a worker (timeout, error, exit, close): its job is refused with `reason`; a worker that
   * failed before it was ready refuses the waiting jobs too, rather than start again and again.
   */
  private async stop(slot: Slot, reason: PoolRefusal, message: string): Promise<void> {
    if (slot.stopped) return;
    slot.stopped = true;
    const index = this.slots.indexOf(slot);
    if (index !== -1) this.slots.splice(index, 1);
    if (slot.timer) clearTimeout(slot.timer);
    const job = slot.job;
    slot.job = null;
    slot.timer = null;
    if (job) this.settle(job, () => job.reject(this.opts.refuse(reason, message)));
    if (!slot.ready && reason === 'crashed') {
      for (const waiting of this.queue.splice(0)) this.settle(waiting, () => waiting.reject(this.opts.refuse(reason, message)));
    }
    const ending = slot.worker.terminate();
    if (!this.closed) this.dispatch();
    await ending;
  }

  private settle(job: Job, answer: () => void): void {
    const left = (this.perKey.get(job.key) ?? 1) - 1;
    if (left > 0) this.perKey.set(job.key, left);
    else this.perKey.delete(job.key);
    answer();
  }
}
