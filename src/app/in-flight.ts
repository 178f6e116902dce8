import type { UnitOfWork } from '../engine/ports';

/** Counts running transactions so shutdown can wait for the steps under way to finish. */
export interface TrackedUnitOfWork extends UnitOfWork {
  running(): number;
  /** Resolves when nothing runs, or after `timeoutMs`; returns how many were still running. */
  idle(timeoutMs: number): Promise<number>;
}

export function trackInFlight(inner: UnitOfWork): TrackedUnitOfWork {
  let count = 0;
  let waiters: Array<() => void> = [];
  const settle = () => {
    if (count > 0) return;
    for (const w of waiters) w();
    waiters = [];
  };
  const tracked = async <T>(work: () => Promise<T>): Promise<T> => {
    count++;
    try {
      return await work();
    } finally {
      count--;
      settle();
    }
  };
  return {
    run: (fn) => tracked(() => inner.run(fn)),
    read: (fn) => tracked(() => inner.read(fn)),
    running: () => count,
    idle(timeoutMs: number): Promise<number> {
      if (count === 0) return Promise.resolve(0);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(count), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(0);
        });
      });
    },
  };
}
