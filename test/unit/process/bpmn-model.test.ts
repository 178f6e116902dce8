import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnInvalidError, parseProcessModel } from '../../../src/engine/process/bpmn-model';
import { checkAgainstPolicy } from '../../../src/engine/process/check-against-policy';
import { parsePolicy } from '../../../src/engine/policy/load-policies';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/bpmn', name), 'utf8');
const samplePolicy = parsePolicy(readFileSync('policies/sample.yaml', 'utf8'), 'policies/sample.yaml');

async function refusal(xml: string): Promise<BpmnInvalidError> {
  try {
    checkAgainstPolicy(await parseProcessModel(xml), samplePolicy);
  } catch (err) {
    if (err instanceof BpmnInvalidError) return err;
    throw err;
  }
  throw new Error('expected the diagram to be refused');
}

describe('parseProcessModel', () => {
  it('reads the sample diagram: user tasks with their minhu attributes, timers, end statuses', async () => {
    const model = await parseProcessModel(readFileSync('processes/sample.bpmn', 'utf8'));
    expect(model.key).toBe('sample');
    expect(model.userTasks.get('handle')).toMatchObject({ form: 'handle', unit: 'lead', due: 'order' });
    expect(model.userTasks.get('visit')).toMatchObject({ form: 'visit', unit: 'centre', due: '2wd' });
    expect([...model.timerEvents]).toEqual(['handleDueTimer']);
    expect(model.endStatuses.get('closed')).toBe('closed');
    expect(() => checkAgainstPolicy(model, samplePolicy)).not.toThrow();
  });

  it('refuses a script task with its element id', async () => {
    const err = await refusal(fixture('script-task.bpmn'));
    expect(err.code).toBe('BPMN_INVALID');
    expect(err.issues).toContainEqual(expect.objectContaining({ path: 'element:remind', code: 'SCRIPT_TASK_REFUSED' }));
  });

  it('refuses a constructor expression with the id of the element that carries it', async () => {
    const err = await refusal(fixture('constructor-expression.bpmn'));
    expect(err.issues).toContainEqual(expect.objectContaining({ path: 'element:extensionAsked', code: 'EXPRESSION_NOT_ALLOWED' }));
    expect(err.message).toContain('constructor');
  });

  it('refuses a script condition', async () => {
    const err = await refusal(fixture('script-condition.bpmn'));
    expect(err.issues).toContainEqual(expect.objectContaining({ code: 'SCRIPT_CONDITION_REFUSED' }));
  });

  it('requires minhu:form and minhu:unit on every user task', async () => {
    const err = await refusal(fixture('missing-attributes.bpmn'));
    const onSign = err.issues.filter((i) => i.path === 'element:sign');
    expect(onSign.map((i) => i.code)).toEqual(['TASK_ATTRIBUTE_MISSING', 'TASK_ATTRIBUTE_MISSING']);
  });

  it('cross-checks against the policy: unknown form, bad due rule', async () => {
    const err = await refusal(fixture('unknown-form.bpmn'));
    expect(err.issues).toContainEqual(expect.objectContaining({ path: 'element:visit', code: 'TASK_FORM_UNKNOWN' }));
    expect(err.issues).toContainEqual(expect.objectContaining({ path: 'element:visit', code: 'TASK_DUE_INVALID' }));
  });

  it('refuses malformed XML, DOCTYPE/ENTITY declarations and moddle warnings', async () => {
    expect((await refusal(fixture('malformed.bpmn'))).issues[0]).toMatchObject({ code: expect.stringMatching(/BPMN_MALFORMED|BPMN_WARNING/) });
    expect((await refusal(fixture('doctype.bpmn'))).issues[0]).toMatchObject({ code: 'BPMN_DOCTYPE_REFUSED' });
    expect((await refusal(fixture('unknown-element.bpmn'))).issues[0]).toMatchObject({ code: 'BPMN_WARNING' });
  });

  it('refuses a diagram whose process id is not the city', async () => {
    const xml = readFileSync('processes/sample.bpmn', 'utf8').replace('id="sample"', 'id="other"').replace('bpmnElement="sample"', 'bpmnElement="other"');
    const err = await refusal(xml);
    expect(err.issues).toContainEqual(expect.objectContaining({ code: 'PROCESS_KEY_MISMATCH' }));
  });
});

describe('reachability', () => {
  it('refuses a task no sequence flow leads to (it would start with the process)', async () => {
    const orphan = readFileSync('processes/sample.bpmn', 'utf8').replace('sourceRef="reviewChoice" targetRef="visit"', 'sourceRef="reviewChoice" targetRef="closed"');
    const err = await refusal(orphan);
    expect(err.issues).toContainEqual(expect.objectContaining({ path: 'element:visit', code: 'ELEMENT_UNREACHABLE' }));
  });
});
