import type { FieldIssue } from '../../shared/errors';
import { bodyOf, isElement, ModdleElement } from './moddle-element';

/** The most instances a literal multi-instance cardinality may start. */
export const MAX_LITERAL_CARDINALITY = 50;
/** The one computed cardinality allowed: one instance per co-unit of the order. */
const CO_UNIT_COUNT = /^\$\{\s*environment\.services\.coUnitCount\(\s*\)\s*\}$/;

/**
 * What refuses an activity's loop at deploy: a standard loop (it repeats while a condition
 * holds), a multi-instance without a cardinality (a sequential one would run until its
 * completion condition), or a cardinality that is neither the co-unit count nor a literal of at
 * most MAX_LITERAL_CARDINALITY.
 */
export function loopIssues(activity: ModdleElement, id: string): FieldIssue[] {
  const loop = activity.loopCharacteristics;
  if (!isElement(loop)) return [];
  const at = `element:${id}`;
  if (loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
    return [{ path: at, code: 'LOOP_REFUSED', message: 'standard loops repeat while a condition holds, without bound; use a multi-instance with ${environment.services.coUnitCount()} or a small number' }];
  }
  const cardinality = bodyOf(loop, 'loopCardinality');
  if (cardinality && CO_UNIT_COUNT.test(cardinality)) return [];
  if (cardinality && /^\d+$/.test(cardinality)) {
    if (Number(cardinality) <= MAX_LITERAL_CARDINALITY) return [];
    return [{ path: at, code: 'MULTI_INSTANCE_TOO_LARGE', message: `loopCardinality ${cardinality} is over the limit of ${MAX_LITERAL_CARDINALITY} instances` }];
  }
  return [
    {
      path: at,
      code: 'MULTI_INSTANCE_UNBOUNDED',
      message: `loopCardinality must be \${environment.services.coUnitCount()} or a whole number up to ${MAX_LITERAL_CARDINALITY}, got ${cardinality === null ? 'none' : `"${cardinality}"`}`,
    },
  ];
}

/** A multi-instance that may start no instance at all (the co-unit count can be 0), so never waits. */
export function mayRunZeroTimes(activity: ModdleElement): boolean {
  const loop = activity.loopCharacteristics;
  if (!isElement(loop)) return false;
  const cardinality = bodyOf(loop, 'loopCardinality');
  return !cardinality || !/^\d+$/.test(cardinality) || Number(cardinality) === 0;
}
