/**
 * The indicators a city measures: those written in its policy, plus Beijing's "three rates"
 * (响应率、解决率、满意率) when the policy switches them on with the facts they read.
 */
import type { AssessmentPolicy, Indicator } from '../policy/assessment.schema';
import type { IndicatorHeading, MeasureQuery } from './assessment.types';
import { ownValue } from '../../shared/own-key';

export const THREE_RATE_KEYS = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;

function threeRates(policy: AssessmentPolicy): Record<string, Indicator> {
  const t = policy.threeRates;
  if (!t) return {};
  return {
    responseRate: {
      name: '响应率',
      definition: `本期派发给本单位（有"${t.responseTask}"任务）的工单中，在时限内完成该任务的比例`,
      of: 'received',
      where: [{ task: t.responseTask }],
      hit: [{ taskOnTime: t.responseTask }],
      better: 'higher',
    },
    resolutionRate: {
      name: '解决率',
      definition: `本期办结的工单中，记录"${t.resolved.data}"为 ${t.resolved.in.join('、')} 的比例`,
      of: 'closed',
      where: [],
      hit: [{ data: t.resolved.data, in: t.resolved.in }],
      better: 'higher',
    },
    satisfactionRate: {
      name: '满意率',
      definition: `本期办结的工单中，回访"${t.satisfied.data}"为 ${t.satisfied.in.join('、')} 的比例`,
      of: 'closed',
      where: [],
      hit: [{ data: t.satisfied.data, in: t.satisfied.in }],
      better: 'higher',
    },
  };
}

/** Every indicator of the policy, in the order written, the three rates last. */
export function indicatorsOf(policy: AssessmentPolicy): Array<[string, Indicator]> {
  return [...Object.entries(policy.indicators), ...Object.entries(threeRates(policy))];
}

export function measureQueries(policy: AssessmentPolicy): MeasureQuery[] {
  return indicatorsOf(policy).map(([key, i]) => ({ key, of: i.of, where: i.where, hit: i.hit, unitField: i.unitField }));
}

/** Each indicator as a result shows it: name, definition, rate or count, weight in the score. */
export function indicatorHeadings(policy: AssessmentPolicy | undefined): IndicatorHeading[] {
  if (!policy) return [];
  return indicatorsOf(policy).map(([key, i]) => ({
    key,
    name: i.name,
    definition: i.definition,
    kind: i.hit ? 'rate' : 'count',
    better: i.better,
    weight: ownValue(policy.scoring?.weights, key) ?? null,
  }));
}
