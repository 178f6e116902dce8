import type { FieldIssue } from '../../shared/errors';
import { mayRunZeroTimes } from './loop-bounds';
import { elementsOf, isElement, ModdleElement } from './moddle-element';
import { cyclicComponents } from './strongly-connected';
import { timerWaits } from './timer-bounds';

/**
 * A cycle of flow nodes with nothing on it that waits for a person, a message or a real timer
 * runs forever inside one step (bpmn-engine runs synchronously to the next wait state). Each
 * container (the process, each sub-process) is a graph of its sequence flows, plus an edge from
 * an activity to each of its boundary events and from a link throw to its link catch; a cycle
 * (strongly connected component) with no waiting node on it is refused.
 */

/** Tasks that wait until minhu signals them (only user tasks are ever signalled: the others wait forever). */
const WAITING_TASKS = new Set(['bpmn:UserTask', 'bpmn:ReceiveTask', 'bpmn:ManualTask']);
const CATCH_EVENTS = new Set(['bpmn:IntermediateCatchEvent', 'bpmn:BoundaryEvent']);
/** Catches nothing in a diagram can trigger (their throws are refused): only minhu could, and never does. */
const WAITING_DEFINITIONS = new Set(['bpmn:MessageEventDefinition', 'bpmn:SignalEventDefinition']);
const NOT_NODES = new Set(['bpmn:SequenceFlow', 'bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

function isSubProcess(node: ModdleElement): boolean {
  return Array.isArray(node.flowElements) && node.triggeredByEvent !== true;
}

const known = new WeakMap<ModdleElement, boolean>();

/** Whether reaching the node always stops the step until someone or something acts. */
export function waits(node: ModdleElement): boolean {
  let answer = known.get(node);
  if (answer === undefined) known.set(node, (answer = judge(node)));
  return answer;
}

function judge(node: ModdleElement): boolean {
  if (mayRunZeroTimes(node)) return false;
  if (WAITING_TASKS.has(node.$type)) return true;
  if (CATCH_EVENTS.has(node.$type)) {
    return elementsOf(node, 'eventDefinitions').some((d) => WAITING_DEFINITIONS.has(d.$type) || (d.$type === 'bpmn:TimerEventDefinition' && timerWaits(d)));
  }
  return isSubProcess(node) && !passesWithoutWait(node);
}

interface FlowGraph {
  nodes: ModdleElement[];
  next: Map<ModdleElement, ModdleElement[]>;
}

function linkName(node: ModdleElement): string | null {
  const link = elementsOf(node, 'eventDefinitions').find((d) => d.$type === 'bpmn:LinkEventDefinition');
  return link ? String(link.name ?? '') : null;
}

function flowGraph(container: ModdleElement): FlowGraph {
  const elements = elementsOf(container, 'flowElements');
  const nodes = elements.filter((e) => !NOT_NODES.has(e.$type) && !(e.$type === 'bpmn:SubProcess' && e.triggeredByEvent === true));
  const next = new Map<ModdleElement, ModdleElement[]>(nodes.map((n) => [n, []]));
  const edge = (from: unknown, to: unknown): void => {
    if (isElement(from) && isElement(to)) next.get(from)?.push(to);
  };
  for (const e of elements) if (e.$type === 'bpmn:SequenceFlow') edge(e.sourceRef, e.targetRef);
  for (const n of nodes) if (n.$type === 'bpmn:BoundaryEvent') edge(n.attachedToRef, n);
  const catches = nodes.filter((n) => n.$type === 'bpmn:IntermediateCatchEvent' && linkName(n) !== null);
  for (const n of nodes) {
    if (n.$type !== 'bpmn:IntermediateThrowEvent' || linkName(n) === null) continue;
    for (const c of catches) if (linkName(c) === linkName(n)) edge(n, c);
  }
  return { nodes, next };
}

/** Whether a sub-process can run from a start to an end without waiting. */
function passesWithoutWait(subProcess: ModdleElement): boolean {
  const { nodes, next } = flowGraph(subProcess);
  if (nodes.length === 0) return true;
  const reached = new Set<ModdleElement>();
  const hasIncoming = new Set([...next.values()].flat());
  const queue = nodes.filter((n) => n.$type !== 'bpmn:BoundaryEvent' && !hasIncoming.has(n) && !waits(n));
  for (let node = queue.shift(); node; node = queue.shift()) {
    if (reached.has(node)) continue;
    reached.add(node);
    const onward = next.get(node) ?? [];
    if (onward.length === 0) return true;
    queue.push(...onward.filter((n) => !waits(n)));
  }
  return false;
}

/** Each cycle of the container's flow with no waiting node, named by its first node. */
export function waitlessCycles(container: ModdleElement): FieldIssue[] {
  const { nodes, next } = flowGraph(container);
  const order = new Map(nodes.map((n, i) => [n, i]));
  return cyclicComponents(nodes, (n) => next.get(n) ?? [])
    .filter((cycle) => !cycle.some(waits))
    .map((cycle) => {
      const ids = cycle.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)).map((n) => n.id ?? '?');
      const shown = ids.length > 8 ? [...ids.slice(0, 8), `… (${ids.length} in all)`] : ids;
      return {
        path: `element:${ids[0]}`,
        code: 'CYCLE_WITHOUT_WAIT',
        message: `${shown.join(', ')} form a cycle with no wait state (a user task, a receive task, a message catch or a timer of a minute or more): it would run forever`,
      };
    });
}
