import { DomainError } from '../../shared/errors';

/**
 * How much one step of a process instance may do before it is stopped: activities started
 * (every run of an activity and every iteration of a multi-instance) and milliseconds from the
 * step's first activity on (recovering the saved state is not counted). In the five cities'
 * scenarios the longest step started 13 activities; the wall time of a step reached about 1 s on
 * a loaded 2-core test machine (cold code, other work run while the step awaited), so the time
 * limit is wide and the activity count is what stops a runaway step first.
 */
export interface StepLimits {
  maxActivities: number;
  maxMs: number;
}

export const DEFAULT_STEP_LIMITS: Readonly<StepLimits> = { maxActivities: 500, maxMs: 5000 };

/**
 * Milliseconds from a monotonic source: how long a step has run, never a time of day, so not
 * the Clock (whose virtual time stands still in tests and jumps in scenarios).
 */
export type Stopwatch = () => number;

export const monotonicMs: Stopwatch = () => performance.now();

export class StepBudgetExceededError extends DomainError {
  constructor(elementId: string, limits: StepLimits, spent: { activities: number; ms: number }) {
    super(
      'STEP_BUDGET_EXCEEDED',
      `流程已停止：一步最多启动${limits.maxActivities}个活动、运行${limits.maxMs}毫秒，` +
        `本步已启动${spent.activities}个、用时${Math.round(spent.ms)}毫秒；本步的改动均未保存`,
      { category: 'rule', details: { elementId, activities: spent.activities, ms: Math.round(spent.ms), limits: { ...limits } } },
    );
  }
}

/** One step's spending; `spend` throws once either limit is passed, and again at every later call. */
export class StepBudget {
  private activities = 0;
  /** When the first activity started; null before. */
  private startedAt: number | null = null;
  private exceeded: StepBudgetExceededError | null = null;

  constructor(
    private readonly limits: StepLimits,
    private readonly now: Stopwatch = monotonicMs,
  ) {}

  get failure(): StepBudgetExceededError | null {
    return this.exceeded;
  }

  spend(elementId: string): void {
    if (this.exceeded) throw this.exceeded;
    this.activities++;
    const now = this.now();
    this.startedAt ??= now;
    const ms = now - this.startedAt;
    if (this.activities <= this.limits.maxActivities && ms <= this.limits.maxMs) return;
    this.exceeded = new StepBudgetExceededError(elementId, this.limits, { activities: this.activities, ms });
    throw this.exceeded;
  }
}

interface BudgetedActivity {
  id: string;
  broker: {
    subscribeTmp(exchange: string, pattern: string, fn: () => void, options: Record<string, unknown>): unknown;
    cancel(consumerTag: string): void;
  };
}

const CONSUMER_TAG = '_minhu-step-budget';

/**
 * A bpmn-elements extension that charges the current step's budget for every `execute.start` of
 * an activity (a run, or one iteration of a multi-instance): bpmn-engine runs synchronously, so
 * the budget's exception unwinds the whole run at once and the event loop is free again.
 */
export function budgetExtension(current: () => StepBudget) {
  return (activity: BudgetedActivity) => ({
    activate(): void {
      activity.broker.subscribeTmp('execution', 'execute.start', () => current().spend(activity.id), {
        noAck: true,
        consumerTag: CONSUMER_TAG,
        priority: 10_000,
      });
    },
    deactivate(): void {
      activity.broker.cancel(CONSUMER_TAG);
    },
  });
}
