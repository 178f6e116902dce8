import { localDateTimeText } from '../../../src/shared/local-time';

it('writes an instant as read in the hotline time zone, whatever the machine', () => {
  expect(localDateTimeText(new Date('2026-03-09T15:59:59.999Z'), 'Asia/Shanghai')).toBe('2026-03-09 23:59');
  expect(localDateTimeText(new Date('2026-12-31T16:30:00Z'), 'Asia/Shanghai')).toBe('2027-01-01 00:30');
  expect(localDateTimeText(new Date('2026-03-02T01:00:00Z'), 'UTC')).toBe('2026-03-02 01:00');
});
