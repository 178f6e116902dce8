/** Time limits and the compact syntax used for them in BPMN attributes ('5wd', '10d', '24h', '30min'). */
import { ValidationError } from '../../shared/errors';
import { hasOwnKey } from '../../shared/own-key';

export type Duration = { workingDays: number } | { naturalDays: number } | { hours: number } | { minutes: number };

export type DurationUnit = 'workingDays' | 'naturalDays' | 'hours' | 'minutes';

const SUFFIX: Record<DurationUnit, string> = { workingDays: 'wd', naturalDays: 'd', hours: 'h', minutes: 'min' };
const UNIT_OF_SUFFIX: Record<string, DurationUnit> = {
  wd: 'workingDays',
  d: 'naturalDays',
  h: 'hours',
  min: 'minutes',
};

/** Upper bounds (about ten years each): a guard against typos and endless day-by-day loops. */
export const MAX_AMOUNT: Record<DurationUnit, number> = {
  workingDays: 2_500,
  naturalDays: 3_660,
  hours: 87_840,
  minutes: 5_270_400,
};

function invalid(message: string, path = 'duration'): ValidationError {
  return new ValidationError('DURATION_INVALID', message, [
    { path, message: "a positive whole number followed by 'wd', 'd', 'h' or 'min', e.g. '5wd'" },
  ]);
}

/** Unit and amount of a duration; throws ValidationError (DURATION_INVALID) if it is malformed. */
export function durationParts(d: Duration): { unit: DurationUnit; amount: number } {
  const keys = d !== null && typeof d === 'object' ? Object.keys(d) : [];
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !hasOwnKey(SUFFIX, key)) {
    throw invalid(`A duration has exactly one of workingDays, naturalDays, hours, minutes: ${JSON.stringify(d)}`);
  }
  const unit = key as DurationUnit;
  const amount: unknown = (d as Record<string, unknown>)[unit];
  if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1 || amount > MAX_AMOUNT[unit]) {
    throw invalid(
      `${unit} must be a whole number from 1 to ${MAX_AMOUNT[unit]}: ${String(amount)}`,
      `duration.${unit}`,
    );
  }
  return { unit, amount };
}

/** Parses '5wd' (working days), '10d' (natural days), '24h' (hours), '30min' (minutes). */
export function parseDuration(text: string): Duration {
  const m = typeof text === 'string' ? /^([1-9]\d{0,8})(wd|d|h|min)$/.exec(text.trim()) : null;
  const unit = m?.[2] !== undefined ? UNIT_OF_SUFFIX[m[2]] : undefined;
  if (!m || unit === undefined) throw invalid(`Not a duration: ${JSON.stringify(text)}`);
  const d = { [unit]: Number(m[1]) } as Duration;
  durationParts(d);
  return d;
}

/** The inverse of parseDuration: { workingDays: 5 } -> '5wd'. */
export function formatDuration(d: Duration): string {
  const { unit, amount } = durationParts(d);
  return `${amount}${SUFFIX[unit]}`;
}
