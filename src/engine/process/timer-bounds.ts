import type { FieldIssue } from '../../shared/errors';
import { isoDurationMs, parseIsoCycle } from './iso-duration';
import { bodyOf, ModdleElement } from './moddle-element';

/** The shortest timer a diagram may set: a timer every few milliseconds would run steps without end. */
export const MIN_TIMER_MS = 60_000;
/** The most times a repeating timer (`R<n>/…`) may fire. */
export const MAX_TIMER_REPEAT = 100;

/** `${environment.services.after('<duration>')}`: a policy duration from now, at least a minute (see duration.ts). */
const AFTER_DURATION = /^\$\{\s*environment\.services\.after\(\s*'[1-9]\d{0,8}(?:wd|d|h|min)'\s*\)\s*\}$/;

const issue = (id: string, code: string, message: string): FieldIssue => ({ path: `element:${id}`, code, message });

/**
 * What refuses a timer at deploy: a duration or cycle under a minute, a cycle that repeats
 * forever or more than MAX_TIMER_REPEAT times, anything but an ISO 8601 literal in a duration or
 * a cycle (an expression could return any of those at run time). A date (`timeDate`) fires once,
 * so it may be an expression of the policy services (orderDue(), after('2wd'), data('…')).
 */
export function timerIssues(definition: ModdleElement, eventId: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const duration = bodyOf(definition, 'timeDuration');
  const cycle = bodyOf(definition, 'timeCycle');
  for (const [kind, text] of [['timeDuration', duration], ['timeCycle', cycle]] as const) {
    if (text?.includes('${')) {
      issues.push(issue(eventId, 'TIMER_EXPRESSION_REFUSED', `${kind} "${text}" must be an ISO 8601 literal; for a computed time use timeDate (e.g. \${environment.services.after('2wd')})`));
    }
  }
  if (duration !== null && !duration.includes('${')) {
    const ms = isoDurationMs(duration);
    if (ms === null) issues.push(issue(eventId, 'TIMER_INVALID', `timeDuration "${duration}" is not an ISO 8601 duration like PT30M or P1D`));
    else if (ms < MIN_TIMER_MS) issues.push(issue(eventId, 'TIMER_TOO_SHORT', `timeDuration "${duration}" is under the minimum of one minute`));
  }
  if (cycle !== null && !cycle.includes('${')) issues.push(...cycleIssues(cycle, eventId));
  return issues;
}

function cycleIssues(cycle: string, eventId: string): FieldIssue[] {
  const parsed = parseIsoCycle(cycle);
  if (!parsed) {
    return [issue(eventId, 'TIMER_INVALID', `timeCycle "${cycle}" is not an ISO 8601 repeating interval like R3/PT1H (cron is not supported)`)];
  }
  const issues: FieldIssue[] = [];
  if (parsed.repeat === null || parsed.repeat > MAX_TIMER_REPEAT) {
    issues.push(issue(eventId, 'TIMER_CYCLE_UNBOUNDED', `timeCycle "${cycle}" must say how many times it repeats, at most ${MAX_TIMER_REPEAT}, like R3/PT1H`));
  }
  if (parsed.intervalMs < MIN_TIMER_MS) issues.push(issue(eventId, 'TIMER_TOO_SHORT', `timeCycle "${cycle}" repeats more often than once a minute`));
  return issues;
}

/**
 * A timer that certainly waits at least a minute each time it is reached: a literal duration or
 * cycle (refused under a minute), or after() of a policy duration. A date may be past already
 * (orderDue() of an overdue order, a literal), so it fires at once: not a wait for a cycle.
 */
export function timerWaits(definition: ModdleElement): boolean {
  const duration = bodyOf(definition, 'timeDuration');
  const cycle = bodyOf(definition, 'timeCycle');
  const date = bodyOf(definition, 'timeDate');
  if (duration !== null) return (isoDurationMs(duration) ?? 0) >= MIN_TIMER_MS;
  if (cycle !== null) return (parseIsoCycle(cycle)?.intervalMs ?? 0) >= MIN_TIMER_MS;
  return date !== null && AFTER_DURATION.test(date);
}
