/**
 * ISO 8601 durations and repeating intervals as bpmn-elements reads timer literals
 * (`PT1M`, `P1DT2H`, `R5/PT10M`, `R/2026-01-01T00:00:00Z/P1D`), reduced to what the deploy
 * check needs: the shortest time each could mean, and how many times a cycle repeats.
 */

const DURATION = /^P(?!$)(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?!$)(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

/** Shortest milliseconds of each part: a year is at least 365 days, a month at least 28. */
const PART_MS = [365 * 86_400_000, 28 * 86_400_000, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];

/** The shortest milliseconds an ISO 8601 duration can mean, or null when it is not one. */
export function isoDurationMs(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m) return null;
  return PART_MS.reduce((sum, ms, i) => sum + Number((m[i + 1] ?? '0').replace(',', '.')) * ms, 0);
}

export interface IsoCycle {
  /** How many times it fires; null for `R/…`, which repeats forever. */
  repeat: number | null;
  /** The interval's shortest milliseconds. */
  intervalMs: number;
}

/** `R[n]/duration`, `R[n]/start/duration` or `R[n]/duration/end`; null when it is none of them. */
export function parseIsoCycle(text: string): IsoCycle | null {
  const parts = text.trim().split('/');
  const count = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!count || parts.length < 2 || parts.length > 3) return null;
  const durations = parts.slice(1).map(isoDurationMs).filter((ms): ms is number => ms !== null);
  const interval = durations[0];
  if (durations.length !== 1 || interval === undefined) return null;
  return { repeat: count[1] ? Number(count[1]) : null, intervalMs: interval };
}
