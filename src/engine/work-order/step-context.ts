import { parseDuration } from '../calendar/business-calendar';
import type { LoadedPolicy } from '../city/city-catalog';
import type { Effect } from '../policy/policy.schema';
import type { AuditEvent, Task, WorkOrder } from '../ports';
import type { ServiceFn } from '../process/process-runner';
import type { Actor } from './actor';

/**
 * The state of one step: the order as it changes, the policy and calendar it runs under, the
 * step's time, the outcome just taken and the audit events to write. The services a diagram
 * calls (`${environment.services.outcomeIs('return')}`) are pure functions of this context.
 */
export class StepContext {
  lastOutcome: string | null = null;
  dueChanged = false;
  /**
   * Every task of the order as this step found it (the task just completed marked so), for
   * counts such as unanswered call attempts; null when the step did not read them.
   */
  history: Task[] | null = null;
  /** Precedents and caller blocks the step's effects asked for; written by the step. */
  readonly precedents: Array<{ topic: string; unit: string }> = [];
  readonly blocks: Array<{ phone: string; until: Date }> = [];
  readonly events: AuditEvent[] = [];

  constructor(
    readonly order: WorkOrder,
    readonly loaded: LoadedPolicy,
    readonly now: Date,
    readonly actor: Actor,
  ) {}

  get policy(): LoadedPolicy['policy'] {
    return this.loaded.policy;
  }

  record(type: string, data: Record<string, unknown> = {}, actor: string = this.actor.id): void {
    this.events.push({ orderId: this.order.id, city: this.order.city, type, actor, at: this.now, data });
  }

  /** A deadline `text` (`24h`, `5wd`…) after the step's time, as an ISO string for a timer. */
  after(text: string): string {
    return this.loaded.calendar.deadline(this.now, parseDuration(text)).at.toISOString();
  }

  services(): Record<string, ServiceFn> {
    const order = this.order;
    return {
      outcome: () => this.lastOutcome,
      intakeIs: (...modes: unknown[]) => modes.includes((order.data.intake as { mode?: string } | undefined)?.mode ?? 'dispatch'),
      intakeReasonIs: (...reasons: unknown[]) => reasons.includes((order.data.intake as { reason?: string } | undefined)?.reason ?? null),
      topicIs: (...topics: unknown[]) => topics.includes(order.topic),
      count: (task: unknown, outcome?: unknown) =>
        (this.history ?? []).filter((t) => t.formKey === task && t.status === 'completed' && (outcome === undefined || t.outcome === outcome)).length,
      outcomeIs: (...outcomes: unknown[]) => outcomes.includes(this.lastOutcome),
      category: () => order.category,
      categoryIs: (...codes: unknown[]) => codes.includes(order.category),
      channelIs: (...codes: unknown[]) => codes.includes(order.channel),
      hasFlag: (flag: unknown) => order.flags.includes(String(flag)),
      hasCoUnits: () => order.coUnits.length > 0,
      coUnits: () => [...order.coUnits],
      coUnitCount: () => order.coUnits.length,
      data: (name: unknown) => order.data[String(name)] ?? null,
      orderDue: () => (order.dueAt ?? this.now).toISOString(),
      after: (text: unknown) => this.after(String(text)),
    };
  }

  setDue(at: Date, provisional: boolean): void {
    this.order.dueAt = at;
    this.order.dueProvisional = provisional;
    this.dueChanged = true;
  }

  /** Applies an outcome's effects to the order, in order. */
  applyEffects(effects: readonly Effect[], data: Record<string, unknown>): void {
    const order = this.order;
    for (const effect of effects) {
      if ('addFlag' in effect && !order.flags.includes(effect.addFlag)) order.flags.push(effect.addFlag);
      if ('removeFlag' in effect) order.flags = order.flags.filter((f) => f !== effect.removeFlag);
      if ('setLeadUnit' in effect) order.leadUnit = String(data[effect.setLeadUnit]);
      if ('setCoUnits' in effect) order.coUnits = ((data[effect.setCoUnits] as string[] | undefined) ?? []).slice();
      if ('setData' in effect) order.data = { ...order.data, [effect.setData]: data[effect.setData] ?? null };
      if ('setDataValue' in effect) order.data = { ...order.data, [effect.setDataValue.name]: effect.setDataValue.value };
      if ('addCoUnits' in effect) {
        const added = ((data[effect.addCoUnits] as string[] | undefined) ?? []).filter((u) => u !== order.leadUnit);
        order.coUnits = [...new Set([...order.coUnits, ...added])];
      }
      if ('setPrecedent' in effect && order.topic) this.precedents.push({ topic: order.topic, unit: String(data[effect.setPrecedent]) });
      if ('blockCaller' in effect) {
        this.blocks.push({ phone: order.requester.phone, until: this.loaded.calendar.deadline(this.now, effect.blockCaller).at });
      }
      if ('setOrderDue' in effect) this.setDue(new Date(String(data[effect.setOrderDue])), false);
      if ('extendOrderDue' in effect) {
        const amount = Number(data[effect.extendOrderDue.field]);
        const from = order.dueAt ?? this.now;
        const due = this.loaded.calendar.deadline(from, { [effect.extendOrderDue.unit]: amount } as never);
        this.setDue(due.at, due.provisional);
      }
    }
  }
}
