/** The growing delay after failed logins of one username from one address. */
import { LOGIN_DELAY_CAP_SECONDS, LOGIN_FREE_FAILURES, loginWaitSeconds } from '../../../src/auth/login-throttle';

const last = new Date('2026-12-03T02:00:00Z');
const after = (ms: number) => new Date(last.getTime() + ms);

it('lets the first failures through without waiting', () => {
  for (let n = 0; n < LOGIN_FREE_FAILURES; n++) expect(loginWaitSeconds(n, last, last)).toBe(0);
  expect(loginWaitSeconds(LOGIN_FREE_FAILURES + 3, null, last)).toBe(0);
});

it('doubles the wait with each further failure, counted from the latest one', () => {
  expect(loginWaitSeconds(LOGIN_FREE_FAILURES, last, last)).toBe(1);
  expect(loginWaitSeconds(LOGIN_FREE_FAILURES + 1, last, last)).toBe(2);
  expect(loginWaitSeconds(LOGIN_FREE_FAILURES + 4, last, last)).toBe(16);
  expect(loginWaitSeconds(LOGIN_FREE_FAILURES + 4, last, after(10_000))).toBe(6);
  expect(loginWaitSeconds(LOGIN_FREE_FAILURES + 4, last, after(16_000))).toBe(0);
  expect(loginWaitSeconds(LOGIN_FREE_FAILURES + 4, last, after(15_001))).toBe(1);
});

it('never asks for more than the cap, however many failures', () => {
  expect(loginWaitSeconds(LOGIN_FREE_FAILURES + 40, last, last)).toBe(LOGIN_DELAY_CAP_SECONDS);
  expect(loginWaitSeconds(10_000, last, after(LOGIN_DELAY_CAP_SECONDS * 1000))).toBe(0);
});
