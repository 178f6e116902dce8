import { createHash } from 'node:crypto';
import BpmnModdle from 'bpmn-moddle';
import * as Elements from 'bpmn-elements';
import serializer, { TypeResolver } from 'moddle-context-serializer';
import { CauseOption, FieldIssue, ValidationError } from '../../shared/errors';
import { unboundedRunIssues } from './bounded-run-check';
import { minhuModdleDescriptor } from './minhu-moddle';
import { isElement, ModdleElement } from './moddle-element';
import { checkExpressions, ExpressionError } from './safe-expressions';
import { precheckXml } from './xml-precheck';

/** What the engine needs to know of a user task, read from its `minhu:` attributes. */
export interface UserTaskSpec {
  id: string;
  name: string;
  form: string;
  unit: string;
  due: string | null;
  multiInstance: boolean;
}

/** A parsed, checked diagram, ready to run. */
export interface ProcessModel {
  key: string;
  hash: string;
  xml: string;
  /** bpmn-engine's serializable context: parsed once, shared by every engine of this version. */
  sourceContext: unknown;
  userTasks: ReadonlyMap<string, UserTaskSpec>;
  /** End event id → order status when the process ends there. */
  endStatuses: ReadonlyMap<string, string>;
  timerEvents: ReadonlySet<string>;
  /** Throw or end event id → flag put on the order when the process passes it. */
  flagEvents: ReadonlyMap<string, string>;
  /**
   * What would let a step run without end (bounded-run-check.ts): refused at validate and deploy
   * (checkAgainstPolicy), not when a stored version is loaded, so a city's running orders keep
   * their version; the step budget stops whatever such a version does.
   */
  unbounded: readonly FieldIssue[];
}

export class BpmnInvalidError extends ValidationError {
  constructor(issues: FieldIssue[], opts: CauseOption = {}) {
    super('BPMN_INVALID', `the diagram is not valid:\n${issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`, issues, opts);
  }
}

export function hashXml(xml: string): string {
  return createHash('sha256').update(xml).digest('hex');
}

/** Parses and checks a diagram on its own (the policy cross-check is in check-against-policy.ts). */
export async function parseProcessModel(xml: string): Promise<ProcessModel> {
  const unsafe = precheckXml(xml);
  if (unsafe.length) throw new BpmnInvalidError(unsafe);
  const moddle = new BpmnModdle({ minhu: minhuModdleDescriptor });
  let parsed: Awaited<ReturnType<typeof moddle.fromXML>>;
  try {
    parsed = await moddle.fromXML(xml, 'bpmn:Definitions');
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] ?? err.message : String(err);
    throw new BpmnInvalidError([{ path: 'xml', code: 'BPMN_MALFORMED', message: `not a BPMN 2.0 document: ${message}` }], { cause: err });
  }
  const issues: FieldIssue[] = parsed.warnings.map((w) => ({
    path: 'xml',
    code: 'BPMN_WARNING',
    message: w.message,
  }));
  const definitions = parsed.rootElement as unknown as ModdleElement;
  const processes = ((definitions.rootElements as ModdleElement[] | undefined) ?? []).filter((e) => e.$type === 'bpmn:Process');
  const process = processes.find((p) => p.isExecutable !== false) ?? processes[0];
  if (!process?.id) issues.push({ path: 'xml', code: 'BPMN_NO_PROCESS', message: 'the diagram has no process' });
  const walk = walkElements(definitions);
  issues.push(...walk.issues, ...unreachable(process));
  if (issues.length) throw new BpmnInvalidError(issues);
  const sourceContext = serializer(parsed as never, TypeResolver(Elements as never));
  // bpmn-engine serializes its source into every getState (a JSON string of the whole model,
  // which process-runner strips again): a deployed version never changes, so serialize once.
  const serialized = sourceContext.serialize();
  sourceContext.serialize = () => serialized;
  return {
    key: process?.id ?? '',
    hash: hashXml(xml),
    xml,
    sourceContext,
    userTasks: walk.userTasks,
    endStatuses: walk.endStatuses,
    timerEvents: walk.timerEvents,
    flagEvents: walk.flagEvents,
    unbounded: unboundedRunIssues(processes),
  };
}

const REFUSED_TYPES: Record<string, { code: string; message: string }> = {
  'bpmn:ScriptTask': { code: 'SCRIPT_TASK_REFUSED', message: 'script tasks are not allowed: they would run code on the server' },
  'bpmn:ServiceTask': { code: 'SERVICE_TASK_REFUSED', message: 'service tasks are not allowed; use a user task and the policy' },
  'bpmn:BusinessRuleTask': { code: 'SERVICE_TASK_REFUSED', message: 'business rule tasks are not allowed' },
  'bpmn:SendTask': { code: 'SERVICE_TASK_REFUSED', message: 'send tasks are not allowed' },
  'bpmn:CallActivity': { code: 'CALL_ACTIVITY_REFUSED', message: 'call activities are not supported' },
};

interface WalkResult {
  issues: FieldIssue[];
  userTasks: Map<string, UserTaskSpec>;
  endStatuses: Map<string, string>;
  timerEvents: Set<string>;
  flagEvents: Map<string, string>;
}

/** Visits every element and every string in the diagram once, with the nearest element id. */
function walkElements(root: ModdleElement): WalkResult {
  const result: WalkResult = { issues: [], userTasks: new Map(), endStatuses: new Map(), timerEvents: new Set(), flagEvents: new Map() };
  const seen = new Set<unknown>();
  const visit = (value: unknown, owner: string): void => {
    if (typeof value === 'string') return checkString(value, owner, result.issues);
    if (Array.isArray(value)) return value.forEach((v) => visit(v, owner));
    if (!isElement(value) || seen.has(value)) return;
    seen.add(value);
    const id = typeof value.id === 'string' ? value.id : owner;
    inspectElement(value, id, result);
    for (const [key, child] of Object.entries(value)) {
      if (key === '$parent' || key === '$type' || key === '$model' || key === '$descriptor') continue;
      if (key.endsWith('Ref') || key === 'targetRef' || key === 'sourceRef' || key === 'default') continue;
      if (key === 'incoming' || key === 'outgoing' || key === 'flowNodeRef' || key === 'bpmnElement') continue;
      visit(child, id);
    }
  };
  visit(root, 'definitions');
  return result;
}

function checkString(text: string, owner: string, issues: FieldIssue[]): void {
  try {
    checkExpressions(text);
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    issues.push({ path: `element:${owner}`, code: 'EXPRESSION_NOT_ALLOWED', message: err.message });
  }
}

function attr(element: ModdleElement, name: string): string | null {
  const value = element.get(`minhu:${name}`);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Flow nodes that only start by themselves: everything else needs a sequence flow coming in. */
const STARTS_ALONE = new Set(['bpmn:StartEvent', 'bpmn:BoundaryEvent', 'bpmn:SequenceFlow', 'bpmn:TextAnnotation', 'bpmn:Association', 'bpmn:DataObjectReference', 'bpmn:DataObject', 'bpmn:Group']);

/**
 * A task or event that no sequence flow reaches would start together with the process
 * (bpmn-engine starts every node without an incoming flow): a modelling mistake, refused.
 */
function unreachable(container: ModdleElement | undefined): FieldIssue[] {
  const elements = (container?.flowElements as ModdleElement[] | undefined) ?? [];
  const targets = new Set(elements.filter((e) => e.$type === 'bpmn:SequenceFlow').map((f) => (f.targetRef as ModdleElement | undefined)?.id));
  const issues: FieldIssue[] = [];
  for (const e of elements) {
    const isEventSubProcess = e.$type === 'bpmn:SubProcess' && e.triggeredByEvent === true;
    if (!STARTS_ALONE.has(e.$type) && !isEventSubProcess && !targets.has(e.id)) {
      issues.push({ path: `element:${e.id ?? '?'}`, code: 'ELEMENT_UNREACHABLE', message: 'no sequence flow leads here: it would start with the process' });
    }
    if (e.$type === 'bpmn:SubProcess') issues.push(...unreachable(e));
  }
  return issues;
}

function inspectElement(element: ModdleElement, id: string, result: WalkResult): void {
  const refused = REFUSED_TYPES[element.$type];
  if (refused) result.issues.push({ path: `element:${id}`, code: refused.code, message: refused.message });
  if (element.$type === 'bpmn:FormalExpression' && typeof element.language === 'string' && element.language !== '') {
    result.issues.push({
      path: `element:${id}`,
      code: 'SCRIPT_CONDITION_REFUSED',
      message: `script conditions (language "${element.language}") are not allowed; use a \${…} expression`,
    });
  }
  if (element.$type === 'bpmn:TimerEventDefinition') result.timerEvents.add(id);
  if (element.$type === 'bpmn:EndEvent') result.endStatuses.set(id, attr(element, 'status') ?? 'closed');
  if (element.$type === 'bpmn:IntermediateThrowEvent' || element.$type === 'bpmn:EndEvent') {
    const flag = attr(element, 'flag');
    if (flag) result.flagEvents.set(id, flag);
  }
  if (element.$type !== 'bpmn:UserTask') return;
  const form = attr(element, 'form');
  const unit = attr(element, 'unit');
  if (!form) result.issues.push({ path: `element:${id}`, code: 'TASK_ATTRIBUTE_MISSING', message: 'user task needs minhu:form (a task key of the policy)' });
  if (!unit) result.issues.push({ path: `element:${id}`, code: 'TASK_ATTRIBUTE_MISSING', message: 'user task needs minhu:unit (lead, co, centre or a unit name)' });
  result.userTasks.set(id, {
    id,
    name: typeof element.name === 'string' ? element.name : id,
    form: form ?? '',
    unit: unit ?? '',
    due: attr(element, 'due'),
    multiInstance: isElement(element.loopCharacteristics),
  });
}
