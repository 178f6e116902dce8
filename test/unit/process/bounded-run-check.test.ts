import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnInvalidError, parseProcessModel } from '../../../src/engine/process/bpmn-model';
import { checkAgainstPolicy } from '../../../src/engine/process/check-against-policy';
import { parsePolicy } from '../../../src/engine/policy/load-policies';
import { MAX_LITERAL_CARDINALITY } from '../../../src/engine/process/loop-bounds';
import { MAX_TIMER_REPEAT } from '../../../src/engine/process/timer-bounds';
import { isoDurationMs, parseIsoCycle } from '../../../src/engine/process/iso-duration';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/bpmn', name), 'utf8');
const samplePolicy = parsePolicy(readFileSync('policies/sample.yaml', 'utf8'), 'policies/sample.yaml');

async function issues(xml: string): Promise<Array<{ path: string; code?: string; message: string }>> {
  try {
    checkAgainstPolicy(await parseProcessModel(xml), samplePolicy);
  } catch (err) {
    if (err instanceof BpmnInvalidError) return err.issues;
    throw err;
  }
  return [];
}

/** A small diagram of the sample city: start → sign (a user task) → `body` → … */
function diagram(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:minhu="http://minhu.gov.cn/schema/bpmn/1.0" id="d" targetNamespace="t">
  <bpmn:process id="sample" isExecutable="true">
    <bpmn:startEvent id="received" />
    <bpmn:sequenceFlow id="toSign" sourceRef="received" targetRef="sign" />
    <bpmn:userTask id="sign" minhu:form="sign" minhu:unit="lead" />
    ${body}
  </bpmn:process>
</bpmn:definitions>`;
}

/** sign → a boundary timer on it with `timer` → an end event. */
function boundaryTimer(timer: string): string {
  return diagram(`
    <bpmn:boundaryEvent id="soon" cancelActivity="false" attachedToRef="sign"><bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="toUrged" sourceRef="soon" targetRef="urged" />
    <bpmn:endEvent id="urged" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="sign" targetRef="closed" />
    <bpmn:endEvent id="closed" />`);
}

/** A task with a multi-instance whose cardinality is `cardinality`, after sign. */
function multiInstance(cardinality: string, sequential = false): string {
  return diagram(`
    <bpmn:sequenceFlow id="toCo" sourceRef="sign" targetRef="co" />
    <bpmn:userTask id="co" minhu:form="handle" minhu:unit="co"><bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}">
      <bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${cardinality}</bpmn:loopCardinality>
    </bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
    <bpmn:sequenceFlow id="toEnd" sourceRef="co" targetRef="closed" />
    <bpmn:endEvent id="closed" />`);
}

describe('diagrams that could run without end are refused with a code and the element id', () => {
  it.each([
    ['huge-cardinality.bpmn', 'element:fanOut', 'MULTI_INSTANCE_TOO_LARGE', /100000000 is over the limit of 50/],
    ['computed-cardinality.bpmn', 'element:fanOut', 'MULTI_INSTANCE_UNBOUNDED', /data\('copies'\)/],
    ['standard-loop.bpmn', 'element:spin', 'LOOP_REFUSED', /standard loops/],
    ['waitless-cycle.bpmn', 'element:again', 'CYCLE_WITHOUT_WAIT', /again, spin form a cycle with no wait state/],
    ['waitless-subprocess-cycle.bpmn', 'element:again', 'CYCLE_WITHOUT_WAIT', /again, spin form a cycle/],
    ['past-timer-cycle.bpmn', 'element:waitDue', 'CYCLE_WITHOUT_WAIT', /waitDue, urge form a cycle/],
    ['link-loop.bpmn', 'element:jump', 'CYCLE_WITHOUT_WAIT', /jump, landing form a cycle/],
    ['millisecond-timer.bpmn', 'element:handleRepeat', 'TIMER_CYCLE_UNBOUNDED', /R\/PT0\.001S" must say how many times it repeats/],
    ['millisecond-timer.bpmn', 'element:handleRepeat', 'TIMER_TOO_SHORT', /more often than once a minute/],
    ['short-duration.bpmn', 'element:handleSoon', 'TIMER_TOO_SHORT', /"PT1S" is under the minimum of one minute/],
    ['signal-loop.bpmn', 'element:shout', 'EVENT_THROW_REFUSED', /signal throw events are not allowed/],
  ])('%s: %s %s', async (file, path, code, says) => {
    expect(await issues(fixture(file))).toContainEqual({ path, code, message: expect.stringMatching(says) });
  });

  it('accepts the five cities and the sample as they are', async () => {
    for (const city of ['anshan', 'dazhu', 'haikou', 'huizhou', 'pingdingshan', 'sample']) {
      const model = await parseProcessModel(readFileSync(`processes/${city}.bpmn`, 'utf8'));
      expect({ city, unbounded: model.unbounded }).toEqual({ city, unbounded: [] });
    }
  });

  it('still loads a stored version that breaks them (its orders keep running, the step budget guards them)', async () => {
    const model = await parseProcessModel(fixture('waitless-cycle.bpmn'));
    expect(model.unbounded.map((i) => i.code)).toEqual(['CYCLE_WITHOUT_WAIT']);
  });
});

describe('multi-instance cardinality', () => {
  it.each([
    ['${environment.services.coUnitCount()}', []],
    [' ${ environment.services.coUnitCount( ) } ', []],
    [String(MAX_LITERAL_CARDINALITY), []],
    ['0', []],
    [String(MAX_LITERAL_CARDINALITY + 1), ['MULTI_INSTANCE_TOO_LARGE']],
    ['${environment.services.coUnitCount() + 1}', ['EXPRESSION_NOT_ALLOWED']],
    ['${environment.services.count(\'handle\')}', ['MULTI_INSTANCE_UNBOUNDED']],
    ['1e9', ['MULTI_INSTANCE_UNBOUNDED']],
    ['', ['MULTI_INSTANCE_UNBOUNDED']],
  ])('%j → %j', async (cardinality, codes) => {
    expect((await issues(multiInstance(cardinality))).map((i) => i.code)).toEqual(codes);
  });

  it('refuses a sequential multi-instance that only a completion condition would end', async () => {
    const xml = multiInstance('').replace(/<bpmn:loopCardinality[^]*?<\/bpmn:loopCardinality>/, '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${false}</bpmn:completionCondition>');
    expect(await issues(xml)).toEqual([expect.objectContaining({ path: 'element:co', code: 'MULTI_INSTANCE_UNBOUNDED', message: expect.stringMatching(/got none/) })]);
  });
});

describe('timers', () => {
  const duration = (text: string) => `<bpmn:timeDuration xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeDuration>`;
  const cycle = (text: string) => `<bpmn:timeCycle xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeCycle>`;
  const date = (text: string) => `<bpmn:timeDate xsi:type="bpmn:tFormalExpression">${text}</bpmn:timeDate>`;
  it.each([
    [duration('PT1M'), []],
    [duration('P1D'), []],
    [duration('PT59S'), ['TIMER_TOO_SHORT']],
    [duration('PT0.5M'), ['TIMER_TOO_SHORT']],
    [duration('soon'), ['TIMER_INVALID']],
    [duration("${environment.services.after('1d')}"), ['TIMER_EXPRESSION_REFUSED']],
    [cycle('R3/PT1H'), []],
    [cycle(`R${MAX_TIMER_REPEAT}/PT1M`), []],
    [cycle(`R${MAX_TIMER_REPEAT + 1}/PT1M`), ['TIMER_CYCLE_UNBOUNDED']],
    [cycle('R/PT1H'), ['TIMER_CYCLE_UNBOUNDED']],
    [cycle('R5/2026-03-02T09:00:00Z/PT10S'), ['TIMER_TOO_SHORT']],
    [cycle('R5/PT1H/2026-03-02T09:00:00Z'), []],
    [cycle('0 * * * * *'), ['TIMER_INVALID']],
    [cycle("${environment.services.data('cycle')}"), ['TIMER_EXPRESSION_REFUSED']],
    [date('${environment.services.orderDue()}'), []],
    [date("${environment.services.after('15min')}"), []],
    [date('2026-03-02T09:00:00Z'), []],
  ])('%s → %j', async (timer, codes) => {
    const found = await issues(boundaryTimer(timer));
    expect(found.map((i) => i.code)).toEqual(codes);
    for (const i of found) expect(i.path).toBe('element:soon');
  });

  it('counts a timer as a wait on a cycle only when it surely waits a minute or more', async () => {
    const loop = (timer: string) =>
      diagram(`
      <bpmn:sequenceFlow id="toWait" sourceRef="sign" targetRef="wait" />
      <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:sequenceFlow id="toUrge" sourceRef="wait" targetRef="urge" />
      <bpmn:intermediateThrowEvent id="urge" minhu:flag="urged" />
      <bpmn:sequenceFlow id="back" sourceRef="urge" targetRef="wait" />`);
    expect(await issues(loop(date("${environment.services.after('1wd')}")))).toEqual([]);
    expect(await issues(loop(duration('PT10M')))).toEqual([]);
    expect((await issues(loop(date('2020-01-01T00:00:00Z')))).map((i) => i.code)).toEqual(['CYCLE_WITHOUT_WAIT']);
  });
});

describe('cycles', () => {
  it('accepts a cycle through a user task, and one through a sub-process that always waits', async () => {
    const throughTask = diagram(`
      <bpmn:sequenceFlow id="toChoice" sourceRef="sign" targetRef="choice" />
      <bpmn:exclusiveGateway id="choice" default="again" />
      <bpmn:sequenceFlow id="again" sourceRef="choice" targetRef="sign" />`);
    expect(await issues(throughTask)).toEqual([]);
    const throughSubProcess = diagram(`
      <bpmn:sequenceFlow id="toInner" sourceRef="sign" targetRef="inner" />
      <bpmn:subProcess id="inner">
        <bpmn:startEvent id="innerStart" /><bpmn:sequenceFlow id="i1" sourceRef="innerStart" targetRef="handle" />
        <bpmn:userTask id="handle" minhu:form="handle" minhu:unit="lead" /><bpmn:sequenceFlow id="i2" sourceRef="handle" targetRef="innerEnd" />
        <bpmn:endEvent id="innerEnd" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="toChoice" sourceRef="inner" targetRef="choice" />
      <bpmn:exclusiveGateway id="choice" default="again" />
      <bpmn:sequenceFlow id="again" sourceRef="choice" targetRef="inner" />`);
    expect(await issues(throughSubProcess)).toEqual([]);
  });

  it('refuses a cycle through a sub-process that can pass without waiting, and one through an error boundary', async () => {
    const skippable = diagram(`
      <bpmn:sequenceFlow id="toInner" sourceRef="sign" targetRef="inner" />
      <bpmn:subProcess id="inner">
        <bpmn:startEvent id="innerStart" /><bpmn:sequenceFlow id="i1" sourceRef="innerStart" targetRef="skip" />
        <bpmn:exclusiveGateway id="skip" default="i3" />
        <bpmn:sequenceFlow id="i2" sourceRef="skip" targetRef="handle"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">\${false}</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:sequenceFlow id="i3" sourceRef="skip" targetRef="innerEnd" />
        <bpmn:userTask id="handle" minhu:form="handle" minhu:unit="lead" /><bpmn:sequenceFlow id="i4" sourceRef="handle" targetRef="innerEnd" />
        <bpmn:endEvent id="innerEnd" />
      </bpmn:subProcess>
      <bpmn:sequenceFlow id="again" sourceRef="inner" targetRef="inner" />`);
    expect(await issues(skippable)).toEqual([expect.objectContaining({ path: 'element:inner', code: 'CYCLE_WITHOUT_WAIT' })]);
    const errorLoop = diagram(`
      <bpmn:sequenceFlow id="toInner" sourceRef="sign" targetRef="inner" />
      <bpmn:subProcess id="inner">
        <bpmn:startEvent id="innerStart" /><bpmn:sequenceFlow id="i1" sourceRef="innerStart" targetRef="fail" />
        <bpmn:endEvent id="fail"><bpmn:errorEventDefinition /></bpmn:endEvent>
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="caught" attachedToRef="inner"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="retry" sourceRef="caught" targetRef="inner" />`);
    expect(await issues(errorLoop)).toEqual([expect.objectContaining({ path: 'element:inner', code: 'CYCLE_WITHOUT_WAIT', message: expect.stringMatching(/inner, caught/) })]);
  });

  it('does not count a co-unit multi-instance as a wait: it may start no task at all', async () => {
    const xml = diagram(`
      <bpmn:sequenceFlow id="toCo" sourceRef="sign" targetRef="co" />
      <bpmn:userTask id="co" minhu:form="handle" minhu:unit="co"><bpmn:multiInstanceLoopCharacteristics>
        <bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">\${environment.services.coUnitCount()}</bpmn:loopCardinality>
      </bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
      <bpmn:sequenceFlow id="again" sourceRef="co" targetRef="co" />`);
    expect(await issues(xml)).toEqual([expect.objectContaining({ path: 'element:co', code: 'CYCLE_WITHOUT_WAIT' })]);
  });

  it('finds a cycle of thousands of nodes without recursing', async () => {
    const n = 2000;
    const chain = Array.from({ length: n }, (_, i) => `<bpmn:task id="t${i}" /><bpmn:sequenceFlow id="f${i}" sourceRef="t${i}" targetRef="t${(i + 1) % n}" />`).join('');
    const xml = diagram(`<bpmn:sequenceFlow id="toChain" sourceRef="sign" targetRef="t0" />${chain}`);
    expect(await issues(xml)).toEqual([expect.objectContaining({ path: 'element:t0', code: 'CYCLE_WITHOUT_WAIT', message: expect.stringMatching(/\(2000 in all\)/) })]);
  });
});

describe('ISO 8601 timer literals', () => {
  it('reads durations at their shortest and repeating intervals with their count', () => {
    expect(isoDurationMs('PT1M')).toBe(60_000);
    expect(isoDurationMs('PT0.001S')).toBe(1);
    expect(isoDurationMs('P1M')).toBe(28 * 86_400_000);
    expect(isoDurationMs('P')).toBeNull();
    expect(isoDurationMs('PT')).toBeNull();
    expect(isoDurationMs('1M')).toBeNull();
    expect(parseIsoCycle('R/PT1M')).toEqual({ repeat: null, intervalMs: 60_000 });
    expect(parseIsoCycle('R3/2026-01-01T00:00:00Z/P1D')).toEqual({ repeat: 3, intervalMs: 86_400_000 });
    expect(parseIsoCycle('R3/PT1M/PT1M')).toBeNull();
    expect(parseIsoCycle('*/5 * * * *')).toBeNull();
  });
});
