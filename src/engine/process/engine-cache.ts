import type { LiveInstance } from './process-runner';

/**
 * Live engines of recently stepped instances, so the next step of the same instance in this
 * process skips the recover. An entry is only good for the row version it was saved at: a step
 * takes it after locking the instance row and uses it only if the versions match (another
 * process may have stepped the instance since) and it holds no timer past due (see take); it
 * is put back only after the step committed.
 * Least recently used entries go first.
 */
export class EngineCache {
  private readonly entries = new Map<string, { rowVersion: number; live: LiveInstance }>();

  constructor(private readonly maxEntries: number) {}

  /**
   * Removes and returns the instance's live engine if it is at `rowVersion` and none of its
   * timers fell due by `now`. Timers never run in a live engine: one past due fires when the
   * instance is recovered (at resume), so an engine holding one would let a step skip it (a
   * task completed just after its boundary timer fell due would cancel the timer). Such an
   * engine is dropped and the step recovers, exactly as in a process without the cache.
   */
  take(instanceId: string, rowVersion: number, now: Date): LiveInstance | null {
    const entry = this.entries.get(instanceId);
    this.entries.delete(instanceId);
    if (!entry || entry.rowVersion !== rowVersion || entry.live.hasTimerDueBy(now)) return null;
    return entry.live;
  }

  put(instanceId: string, rowVersion: number, live: LiveInstance): void {
    if (this.maxEntries <= 0 || live.isCompleted) return;
    const existing = this.entries.get(instanceId);
    if (existing && existing.rowVersion > rowVersion) return;
    this.entries.delete(instanceId);
    this.entries.set(instanceId, { rowVersion, live });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
