/**
 * Login throttling per (username, client address): the first failures are free, then each
 * further attempt from that address for that username waits twice as long after the latest
 * failure, up to a cap. Nobody else's attempt counts, so no one can lock a user out from
 * another address, and a wrong password behind a shared NAT address does not block a
 * colleague's right one. Failures older than the window are forgotten; a success forgets them.
 */
export const LOGIN_FREE_FAILURES = 5;
export const LOGIN_DELAY_CAP_SECONDS = 300;
export const LOGIN_FAILURE_WINDOW_MS = 3_600_000;

/** Seconds still to wait before the next attempt after `failures` failures, the latest at `last`. */
export function loginWaitSeconds(failures: number, last: Date | null, now: Date): number {
  if (failures < LOGIN_FREE_FAILURES || last === null) return 0;
  const delay = Math.min(2 ** (failures - LOGIN_FREE_FAILURES), LOGIN_DELAY_CAP_SECONDS);
  const remainingMs = last.getTime() + delay * 1000 - now.getTime();
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
}
