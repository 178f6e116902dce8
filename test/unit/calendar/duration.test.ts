import { type Duration, formatDuration, parseDuration } from '../../../src/engine/calendar/business-calendar';
import { ValidationError } from '../../../src/shared/errors';

describe('parseDuration / formatDuration', () => {
  it.each<[string, Duration]>([
    ['5wd', { workingDays: 5 }],
    ['15wd', { workingDays: 15 }],
    ['10d', { naturalDays: 10 }],
    ['24h', { hours: 24 }],
    ['30min', { minutes: 30 }],
  ])('%s <-> %j', (text, duration) => {
    expect(parseDuration(text)).toEqual(duration);
    expect(formatDuration(duration)).toBe(text);
    expect(formatDuration(parseDuration(text))).toBe(text);
  });

  it('tolerates surrounding spaces', () => {
    expect(parseDuration(' 4h ')).toEqual({ hours: 4 });
  });

  it.each(['', '5', 'wd', '0wd', '-1d', '1.5h', '05d', '5 wd', '5WD', '5m', '5days', '30mins', '3wd2h', '99999wd'])(
    'refuses %j with DURATION_INVALID',
    (text) => {
      expect(() => parseDuration(text)).toThrow(ValidationError);
      expect(() => parseDuration(text)).toThrow(expect.objectContaining({ code: 'DURATION_INVALID' }) as Error);
    },
  );

  it('refuses to format an invalid duration', () => {
    expect(() => formatDuration({ hours: 0 })).toThrow(ValidationError);
    expect(() => formatDuration({ minutes: 2.5 })).toThrow(ValidationError);
    expect(() => formatDuration({} as Duration)).toThrow(ValidationError);
  });
});
