import FakeTimers from '@sinonjs/fake-timers';
import type { Clock } from './clock';

/**
 * A clock for scenarios and tests that can jump 20 working days in a blink.
 *
 * It fakes the process's `Date` (and nothing else: real timers keep the database pool alive),
 * because bpmn-engine reads `new Date()` for its timers: with the two in step, a timer computed
 * by the engine and a job scheduled by minhu agree on "now". Jobs are run by
 * VirtualJobRunner in due order, each with the clock set to its due time.
 */
export class VirtualClock implements Clock {
  private readonly fake: ReturnType<typeof FakeTimers.install>;

  constructor(start: Date) {
    this.fake = FakeTimers.install({ now: start.getTime(), toFake: ['Date'] });
  }

  now(): Date {
    return new Date(Date.now());
  }

  /** Moves the clock to `to` (never backwards). */
  set(to: Date): void {
    if (to.getTime() < Date.now()) return;
    this.fake.setSystemTime(to.getTime());
  }

  /** Sets the clock to any time, also backwards: only between scenarios, with no work pending. */
  jump(to: Date): void {
    this.fake.setSystemTime(to.getTime());
  }

  advance(ms: number): void {
    this.fake.setSystemTime(Date.now() + ms);
  }

  /** Gives the process its real `Date` back. */
  uninstall(): void {
    this.fake.uninstall();
  }
}
