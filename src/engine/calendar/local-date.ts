/**
 * Plain local dates ('YYYY-MM-DD') and their relation to instants in an IANA time zone.
 * Date arithmetic is done on the UTC calendar so that it never depends on the process's zone.
 */
import { ValidationError } from '../../shared/errors';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Milliseconds of UTC midnight of a local date, or undefined if the text is not a real date. */
function dayStartUtc(text: string): number | undefined {
  const m = LOCAL_DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms;
}

export function isLocalDate(text: string): boolean {
  return dayStartUtc(text) !== undefined;
}

/** Throws ValidationError (DATE_INVALID) unless `text` is a real 'YYYY-MM-DD' date. */
export function assertLocalDate(text: string, path = 'localDate'): void {
  if (typeof text !== 'string' || !isLocalDate(text)) {
    throw new ValidationError('DATE_INVALID', `Not a date in the form YYYY-MM-DD: ${String(text)}`, [
      { path, message: 'a real calendar date written YYYY-MM-DD' },
    ]);
  }
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The local date `days` days after (or before, if negative) `date`. */
export function addDays(date: string, days: number): string {
  return fromUtcMs((dayStartUtc(date) ?? NaN) + days * DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(dayStartUtc(date) ?? NaN).getUTCDay();
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** Converts instants to local dates of one time zone, and local midnights back to instants. */
export class ZoneClock {
  private readonly fmt: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    try {
      this.fmt = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new ValidationError('TIME_ZONE_INVALID', `Unknown time zone: ${timeZone}`, [
        { path: 'timeZone', message: 'an IANA time zone such as Asia/Shanghai' },
      ]);
    }
  }

  /** Wall-clock fields of an instant in this zone, as if they were UTC (milliseconds dropped). */
  private wallAsUtc(ms: number): number {
    const parts: Record<string, number> = {};
    for (const p of this.fmt.formatToParts(new Date(ms))) {
      if (p.type !== 'literal') parts[p.type] = Number(p.value);
    }
    const f = (k: string): number => parts[k] ?? NaN;
    return Date.UTC(f('year'), f('month') - 1, f('day'), f('hour'), f('minute'), f('second'));
  }

  /** Offset of the zone from UTC at an instant, in milliseconds (+8h for Asia/Shanghai). */
  private offsetAt(ms: number): number {
    const whole = Math.floor(ms / 1000) * 1000;
    return this.wallAsUtc(whole) - whole;
  }

  localDate(at: Date): string {
    return fromUtcMs(this.wallAsUtc(at.getTime()));
  }

  /** The instant at which the local date begins (00:00 local time). */
  startOfDay(date: string): number {
    const naive = dayStartUtc(date) ?? NaN;
    const first = naive - this.offsetAt(naive);
    const second = naive - this.offsetAt(first);
    return second;
  }

  /** The last millisecond of the local date (23:59:59.999 local time): what "24:00 of that day" means. */
  endOfDay(date: string): Date {
    return new Date(this.startOfDay(addDays(date, 1)) - 1);
  }
}
