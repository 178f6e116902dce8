import type { DueJobSource } from '../engine/ports';
import type { VirtualClock } from '../shared/virtual-clock';
import { UnexpectedError } from '../shared/errors';
import type { JobHandler } from './job-handlers';

export interface FiredJob {
  name: string;
  key: string;
  at: Date;
}

/**
 * Runs durable jobs on a virtual clock: every job due up to the target time, in due order, each
 * with the clock set to its own due time, exactly as Agenda would run them in real time.
 * Jobs that a job schedules (a timer leading to a task with its own deadline) run too.
 */
export class VirtualJobRunner {
  constructor(
    private readonly source: DueJobSource,
    private readonly clock: VirtualClock,
    private readonly handlers: Record<string, JobHandler>,
  ) {}

  async advanceTo(target: Date, maxJobs = 10_000): Promise<FiredJob[]> {
    const fired: FiredJob[] = [];
    const names = Object.keys(this.handlers);
    for (;;) {
      const job = await this.source.nextDue(names, target);
      if (!job) break;
      if (fired.length >= maxJobs) throw new UnexpectedError('JOB_LOOP', `more than ${maxJobs} jobs fell due before ${target.toISOString()}`);
      this.clock.set(job.runAt);
      const handler = this.handlers[job.name];
      if (handler) await handler(job.data);
      await this.source.markDone(job.id, this.clock.now());
      fired.push({ name: job.name, key: job.key, at: job.runAt });
    }
    this.clock.set(target);
    return fired;
  }
}
