import { CronExpressionParser } from 'cron-parser';

/**
 * The next time a cron expression fires after `after`, in a time zone: computed with
 * cron-parser as Agenda computes it for a job with a `repeatInterval`, so the virtual-clock
 * runner and Agenda agree on when a repeating job runs next.
 */
export function nextCronRun(expression: string, timeZone: string, after: Date): Date {
  const next = CronExpressionParser.parse(expression, { currentDate: after, tz: timeZone }).next().toDate();
  if (next.getTime() > after.getTime()) return next;
  return CronExpressionParser.parse(expression, { currentDate: new Date(after.getTime() + 1000), tz: timeZone }).next().toDate();
}
