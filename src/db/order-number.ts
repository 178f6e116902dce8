/**
 * Work-order numbers: `${prefix}-${YYYYMMDD}-${6-digit sequence}`, e.g. `PDS-20260302-000001`.
 * The day is the hotline's local date (Asia/Shanghai) of the order's creation, so an order
 * taken at 07:30 Beijing time on 3 March is numbered 20260303 although it is still 2 March in UTC.
 */

/** China Standard Time has been UTC+8 all year since 1991 (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `YYYYMMDD` of the instant in Asia/Shanghai. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

export function formatOrderNumber(prefix: string, day: string, sequence: number): string {
  return `${prefix}-${day}-${String(sequence).padStart(6, '0')}`;
}
