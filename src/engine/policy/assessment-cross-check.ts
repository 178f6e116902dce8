/**
 * Checks that the `assessment:` section holds together: weights name rate indicators and make
 * a 100-point scale with the manual items, rules name indicators of the right kind, findings
 * and groups that exist, categories and tasks of the policy.
 */
import { indicatorsOf } from '../assessment/indicators';
import type { AssessmentPolicy, Condition } from './assessment.schema';
import type { Policy } from './policy.schema';
import { hasOwnKey } from '../../shared/own-key';

type Report = (path: string, message: string) => void;

const SCALE = 100;
const names = (keys: Iterable<string>): string => [...keys].join(', ') || '(none)';

function checkConditions(policy: Policy, conditions: readonly Condition[], path: string, report: Report): void {
  conditions.forEach((c, i) => {
    const task = 'task' in c ? c.task : 'taskOnTime' in c ? c.taskOnTime : 'taskLate' in c ? c.taskLate : undefined;
    if (task !== undefined && !hasOwnKey(policy.tasks, task)) report(`${path}.${i}`, `expected a task of this policy (${names(Object.keys(policy.tasks))}), got "${task}"`);
    if ('category' in c) {
      for (const code of c.category) if (!(code in policy.categories)) report(`${path}.${i}.category`, `expected a category code (${names(Object.keys(policy.categories))}), got "${code}"`);
    }
    if ('channel' in c) {
      for (const code of c.channel) if (!(code in policy.channels)) report(`${path}.${i}.channel`, `expected a channel code (${names(Object.keys(policy.channels))}), got "${code}"`);
    }
  });
}

function checkScoring(a: AssessmentPolicy, kinds: Map<string, 'rate' | 'count'>, report: Report): void {
  const s = a.scoring;
  if (!s) return;
  for (const key of Object.keys(s.weights)) {
    const kind = kinds.get(key);
    if (kind === undefined) report(`assessment.scoring.weights.${key}`, `expected an indicator (${names(kinds.keys())}), got "${key}"`);
    else if (kind === 'count') report(`assessment.scoring.weights.${key}`, `expected a rate indicator (one with hit:), got the count "${key}"`);
  }
  for (const kind of Object.keys(s.deductions)) {
    if (!hasOwnKey(a.findings, kind)) report(`assessment.scoring.deductions.${kind}`, `expected a finding kind (${names(Object.keys(a.findings))}), got "${kind}"`);
  }
  const total = Object.values(s.weights).reduce((n, w) => n + w, 0) + Object.values(s.manualItems).reduce((n, m) => n + m.max, 0);
  if (Math.abs(total - SCALE) > 1e-9) {
    report('assessment.scoring.weights', `expected the weights and the manual items' most points to add up to ${SCALE} (百分制), got ${total}`);
  }
}

function checkRules(a: AssessmentPolicy, kinds: Map<string, 'rate' | 'count'>, report: Report): void {
  const groups = new Set(a.groups.map((g) => g.name));
  const lists = new Set(a.accountability.map((r) => r.list));
  a.accountability.forEach((rule, i) => {
    const path = `assessment.accountability.${i}`;
    for (const g of rule.groups ?? []) if (!groups.has(g)) report(`${path}.groups`, `expected a group (${names(groups)}), got "${g}"`);
    const w = rule.when;
    if ('indicator' in w) {
      const kind = kinds.get(w.indicator);
      if (kind === undefined) report(`${path}.when.indicator`, `expected an indicator (${names(kinds.keys())}), got "${w.indicator}"`);
      else if ('below' in w && kind !== 'rate') report(`${path}.when.below`, `expected a rate indicator for below:, got the count "${w.indicator}"`);
    }
    if ('findings' in w) {
      for (const f of w.findings) if (!(f in a.findings)) report(`${path}.when.findings`, `expected a finding kind (${names(Object.keys(a.findings))}), got "${f}"`);
    }
    if ('rank' in w && !a.scoring) report(`${path}.when.rank`, 'expected a scoring section: ranks are by score');
    if ('list' in w) {
      if (!lists.has(w.list)) report(`${path}.when.list`, `expected a list some rule puts units on (${names(lists)}), got "${w.list}"`);
      if (w.consecutiveMonths === undefined && w.monthsInYear === undefined) report(`${path}.when`, 'expected consecutiveMonths or monthsInYear (or both)');
    }
  });
}

export function checkAssessment(policy: Policy, report: Report): void {
  const a = policy.assessment;
  if (!a) return;
  const indicators = indicatorsOf(a);
  const kinds = new Map(indicators.map(([key, i]) => [key, i.hit ? ('rate' as const) : ('count' as const)]));
  for (const [key, i] of indicators) {
    checkConditions(policy, i.where, `assessment.indicators.${key}.where`, report);
    checkConditions(policy, i.hit ?? [], `assessment.indicators.${key}.hit`, report);
  }
  if (a.threeRates && !hasOwnKey(policy.tasks, a.threeRates.responseTask)) {
    report('assessment.threeRates.responseTask', `expected a task of this policy (${names(Object.keys(policy.tasks))}), got "${a.threeRates.responseTask}"`);
  }
  checkScoring(a, kinds, report);
  checkRules(a, kinds, report);
}
