import { localClockText, localDateTimeText } from '../../../src/shared/local-time';

it('writes an instant as read in the hotline time zone, whatever the machine', () => {
  expect(localDateTimeText(new Date('2026-03-09T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026年3月9日 23:59');
  expect(localDateTimeText(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2027年1月1日 00:30');
  expect(localDateTimeText(new Date('2026-03-02T01:00:00Z'), 'UTC')).toBe('2026年3月2日 01:00');
});

it('writes the time of day alone for the end of a span', () => {
  expect(localClockText(new Date('2026-03-09T15:59:59.999Z'), 'Asia/Shanghai')).toBe('23:59');
  expect(localClockText(new Date('2026-03-09T00:05:00Z'), 'Asia/Shanghai')).toBe('08:05');
});
