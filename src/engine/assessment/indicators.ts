/**
 * The indicators a city measures: those written in its policy, plus Beijing's "three rates"
 * (响应率、解决率、满意率) when the policy switches them on with the facts they read.
 */
import type { AssessmentPolicy, Indicator } from '../policy/assessment.schema';
import type { Policy } from '../policy/policy.schema';
import type { IndicatorHeading, MeasureQuery } from './assessment.types';
import { ownValue } from '../../shared/own-key';

export const THREE_RATE_KEYS = ['responseRate', 'resolutionRate', 'satisfactionRate'] as const;

/** How a definition names a task and a recorded field: by the policy's own words (签收, 办理环节评价). */
interface PolicyWords {
  task(key: string): string;
  field(name: string): string;
}

const KEYS_AS_WORDS: PolicyWords = { task: (key) => key, field: (name) => name };

/** The names of the city's tasks and the labels of their fields, as its policy writes them. */
function wordsOf(policy: Policy): PolicyWords {
  const labels = new Map<string, string>();
  for (const task of Object.values(policy.tasks)) {
    for (const f of [...task.fields, ...Object.values(task.outcomes).flatMap((o) => o.fields)]) if (!labels.has(f.name)) labels.set(f.name, f.label);
  }
  return { task: (key) => ownValue(policy.tasks, key)?.name ?? key, field: (name) => labels.get(name) ?? name };
}

function threeRates(policy: AssessmentPolicy, words: PolicyWords): Record<string, Indicator> {
  const t = policy.threeRates;
  if (!t) return {};
  return {
    responseRate: {
      name: '响应率',
      definition: `本期派发给本单位（有“${words.task(t.responseTask)}”环节）的工单中，在时限内完成该环节的比例`,
      of: 'received',
      where: [{ task: t.responseTask }],
      hit: [{ taskOnTime: t.responseTask }],
      better: 'higher',
    },
    resolutionRate: {
      name: '解决率',
      definition: `本期办结的工单中，“${t.resolved.label ?? words.field(t.resolved.data)}”为${t.resolved.in.join('、')}的比例`,
      of: 'closed',
      where: [],
      hit: [{ data: t.resolved.data, in: t.resolved.in }],
      better: 'higher',
    },
    satisfactionRate: {
      name: '满意率',
      definition: `本期办结的工单中，回访“${t.satisfied.label ?? words.field(t.satisfied.data)}”为${t.satisfied.in.join('、')}的比例`,
      of: 'closed',
      where: [],
      hit: [{ data: t.satisfied.data, in: t.satisfied.in }],
      better: 'higher',
    },
  };
}

/** Every indicator of the policy, in the order written, the three rates last. */
export function indicatorsOf(policy: AssessmentPolicy, words: PolicyWords = KEYS_AS_WORDS): Array<[string, Indicator]> {
  return [...Object.entries(policy.indicators), ...Object.entries(threeRates(policy, words))];
}

export function measureQueries(policy: AssessmentPolicy): MeasureQuery[] {
  return indicatorsOf(policy).map(([key, i]) => ({ key, of: i.of, where: i.where, hit: i.hit, unitField: i.unitField }));
}

/** Each indicator as a result shows it: name, definition, rate or count, weight in the score. */
export function indicatorHeadings(city: Policy): IndicatorHeading[] {
  const policy = city.assessment;
  if (!policy) return [];
  return indicatorsOf(policy, wordsOf(city)).map(([key, i]) => ({
    key,
    name: i.name,
    definition: i.definition,
    kind: i.hit ? 'rate' : 'count',
    better: i.better,
    weight: ownValue(policy.scoring?.weights, key) ?? null,
  }));
}
