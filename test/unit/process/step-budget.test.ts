import { readFileSync } from 'node:fs';
import { parseProcessModel } from '../../../src/engine/process/bpmn-model';
import { LiveInstance } from '../../../src/engine/process/process-runner';
import { StepBudget, StepBudgetExceededError } from '../../../src/engine/process/step-budget';

const fixture = (name: string) => readFileSync(`test/fixtures/bpmn/${name}`, 'utf8');

/** A stopwatch that moves `stepMs` at every reading. */
function ticking(stepMs: number): () => number {
  let t = 1000;
  return () => (t += stepMs);
}

describe('StepBudget', () => {
  it('allows up to the activity limit, then throws naming the element in its details, and keeps throwing', () => {
    const budget = new StepBudget({ maxActivities: 3, maxMs: 1e9 }, ticking(0));
    for (let i = 0; i < 3; i++) budget.spend('a');
    expect(() => budget.spend('b')).toThrow(StepBudgetExceededError);
    expect(budget.failure).toMatchObject({ code: 'STEP_BUDGET_EXCEEDED', details: { elementId: 'b', activities: 4 } });
    expect(() => budget.spend('c')).toThrow(budget.failure ?? 'no failure');
    expect(budget.failure?.message).toMatch(/^流程已停止：一步最多启动3个活动/);
  });

  it('counts time from the first activity, not from when the budget was made', () => {
    let t = 0;
    const budget = new StepBudget({ maxActivities: 1e9, maxMs: 100 }, () => t);
    t = 10_000; // a long recover before the first activity
    budget.spend('first');
    t += 100;
    budget.spend('second');
    t += 1;
    expect(() => budget.spend('third')).toThrow(expect.objectContaining({ code: 'STEP_BUDGET_EXCEEDED', details: expect.objectContaining({ elementId: 'third', ms: 101 }) }));
  });
});

describe('LiveInstance under a step budget', () => {
  const services = { coUnitCount: () => 0 };

  it('stops a multi-instance of 100,000,000 at the activity limit with STEP_BUDGET_EXCEEDED', async () => {
    const model = await parseProcessModel(fixture('huge-cardinality.bpmn'));
    const live = new LiveInstance(model, null, services, { maxActivities: 200, maxMs: 60_000 });
    await expect(live.run(services)).rejects.toMatchObject({ code: 'STEP_BUDGET_EXCEEDED', details: { elementId: 'fanOut', activities: 201 } });
  });

  it('stops it by time when the time limit comes first (a stopwatch that moves 10 ms per reading)', async () => {
    const model = await parseProcessModel(fixture('huge-cardinality.bpmn'));
    const live = new LiveInstance(model, null, services, { maxActivities: 1_000_000, maxMs: 500 }, ticking(10));
    await expect(live.run(services)).rejects.toMatchObject({ code: 'STEP_BUDGET_EXCEEDED', details: { activities: 52 } });
  });

  it('runs a city diagram within a budget of 20 activities', async () => {
    const model = await parseProcessModel(readFileSync('processes/sample.bpmn', 'utf8'));
    const outcome = await new LiveInstance(model, null, services, { maxActivities: 20, maxMs: 60_000 }).run(services);
    expect(outcome.waiting.map((w) => w.activityId)).toEqual(['sign']);
  });
});
