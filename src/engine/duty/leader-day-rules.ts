/**
 * The rules of a leader's answering session (PDS-18: "接线互动时间应不少于2小时。提前1周……公布"; HZ-10
 * borrows them): it lasts at least `minDuration` and is announced at least `notice` before it
 * starts. The numbers and the rule id come from the city's policy (`duty.leaderDays`).
 */
import type { ZoneClock } from '../calendar/local-date';
import { RuleViolation, ValidationError } from '../../shared/errors';
import type { LeaderDaysPolicy } from '../policy/duty.schema';
import { daysBetween, localText } from './duty-time';

const MINUTE_MS = 60_000;

export function minDurationMinutes(rules: LeaderDaysPolicy): number {
  const d = rules.minDuration;
  return 'hours' in d ? d.hours * 60 : d.minutes;
}

/** `2 hours` / `90 minutes`, as the policy writes it. */
export function describeMinDuration(rules: LeaderDaysPolicy): string {
  const d = rules.minDuration;
  return 'hours' in d ? `${d.hours} hours` : `${d.minutes} minutes`;
}

export function describeNotice(rules: LeaderDaysPolicy): string {
  const n = rules.notice;
  return 'naturalDays' in n ? `${n.naturalDays} days` : `${n.hours} hours`;
}

function spanText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}小时${m > 0 ? `${m}分钟` : ''}` : `${m}分钟`;
}

/**
 * Refuses a session that ends before it starts (ValidationError at endsAt), lasts less than the
 * minimum (LEADER_DAY_TOO_SHORT) or is announced at `now` with too little notice
 * (LEADER_DAY_NOTICE_TOO_SHORT). With `naturalDays` the notice counts local dates: announced on
 * the 1st, a session on the 8th has 7 days' notice at any hour of either day.
 */
export function assertLeaderDay(rules: LeaderDaysPolicy, zone: ZoneClock, now: Date, startsAt: Date, endsAt: Date): void {
  const minutes = Math.floor((endsAt.getTime() - startsAt.getTime()) / MINUTE_MS);
  if (minutes <= 0) {
    throw new ValidationError('LEADER_DAY_INVALID', 'a session ends after it starts', [{ path: 'endsAt', message: 'expected a time after startsAt' }]);
  }
  const span = `${localText(startsAt, zone)}至${localText(endsAt, zone)}`;
  const least = minDurationMinutes(rules);
  if (minutes < least) {
    throw new RuleViolation(
      'LEADER_DAY_TOO_SHORT',
      `领导接线互动时间应不少于${spanText(least)}；${span}只有${spanText(minutes)}`,
      { rule: rules.rule, minMinutes: least, minutes },
    );
  }
  const n = rules.notice;
  const given = 'naturalDays' in n ? daysBetween(zone.localDate(now), zone.localDate(startsAt)) : Math.floor((startsAt.getTime() - now.getTime()) / 3_600_000);
  const needed = 'naturalDays' in n ? n.naturalDays : n.hours;
  if (given < needed) {
    const unit = 'naturalDays' in n ? 'days' : 'hours';
    const notice = 'naturalDays' in n ? `${n.naturalDays}天` : `${n.hours}小时`;
    const gave = `${Math.max(given, 0)}${'naturalDays' in n ? '天' : '小时'}`;
    throw new RuleViolation(
      'LEADER_DAY_NOTICE_TOO_SHORT',
      `领导接线安排须至少提前${notice}公布；${localText(now, zone)}公布${span}的接线，只提前了${gave}`,
      { rule: rules.rule, needed, given, unit },
    );
  }
}
