/**
 * The one source of time in minhu. Nothing else reads the time: not `Date.now()`,
 * not `new Date()` without an argument. Production uses {@link SystemClock};
 * tests and scenarios use a {@link VirtualClock} (see virtual-clock.ts).
 */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date(Date.now());
  }
}
