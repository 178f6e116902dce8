import type { FieldIssue } from '../../shared/errors';
import { loopIssues } from './loop-bounds';
import { elementsOf, isContainer, ModdleElement } from './moddle-element';
import { timerIssues } from './timer-bounds';
import { waitlessCycles } from './wait-cycles';

const THROW_EVENTS = new Set(['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent']);
/** Throws that would trigger catches of the same diagram: a loop of them needs no wait state. */
const REFUSED_THROWS: Record<string, string> = {
  'bpmn:SignalEventDefinition': 'signal',
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:EscalationEventDefinition': 'escalation',
};

/**
 * What would let one step of a diagram run without end, refused when it is validated or
 * deployed (stored versions still load): unbounded loops (loop-bounds.ts), timers too frequent
 * or repeating forever (timer-bounds.ts), cycles with no wait state (wait-cycles.ts), and
 * signal, message and escalation throws. What slips past is stopped by the step budget.
 */
export function unboundedRunIssues(processes: readonly ModdleElement[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const visit = (container: ModdleElement): void => {
    issues.push(...waitlessCycles(container));
    for (const element of elementsOf(container, 'flowElements')) {
      const id = element.id ?? '?';
      issues.push(...loopIssues(element, id));
      for (const definition of elementsOf(element, 'eventDefinitions')) {
        if (definition.$type === 'bpmn:TimerEventDefinition') issues.push(...timerIssues(definition, id));
        const thrown = REFUSED_THROWS[definition.$type];
        if (thrown && THROW_EVENTS.has(element.$type)) {
          issues.push({ path: `element:${id}`, code: 'EVENT_THROW_REFUSED', message: `${thrown} throw events are not allowed: they trigger catches of the diagram itself, without a wait` });
        }
      }
      if (isContainer(element)) visit(element);
    }
  };
  processes.forEach(visit);
  return issues;
}
