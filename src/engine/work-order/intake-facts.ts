import { RuleViolation } from '../../shared/errors';
import type { Policy } from '../policy/policy.schema';
import type { Repositories } from '../ports';
import type { IntakeInput } from './intake';

const DAY_MS = 86_400_000;

export interface IntakeFacts {
  /** The unit a precedent sends this topic to (DZ-4), unless the operator chose the unit. */
  precedent: string | null;
  /** Number of an earlier order of the same requester on the same matter (HZ-5). */
  repeatOf: string | null;
}

/**
 * What the database knows about a new order before it is recorded: a block on the caller
 * refuses it (HZ-6); a precedent routes it (DZ-4); an earlier order makes it a repeat (HZ-5).
 */
export async function intakeFacts(repos: Repositories, policy: Policy, input: IntakeInput, now: Date): Promise<IntakeFacts> {
  const block = await repos.blocks.findActive(input.city, input.requester.phone, now);
  if (block) {
    throw new RuleViolation('CALLER_BLOCKED', `this number is barred from the hotline until ${block.until.toISOString()} (${block.reason})`, {
      until: block.until.toISOString(),
      reason: block.reason,
    });
  }
  const precedent = input.topic && !input.leadUnit ? await repos.precedents.find(input.city, input.topic) : null;
  let repeatOf: string | null = null;
  if (policy.repeatDetection) {
    const since = new Date(now.getTime() - policy.repeatDetection.withinDays * DAY_MS);
    const earlier = await repos.orders.findRecentByPhone(input.city, input.requester.phone, since);
    const same = earlier.find((o) => !policy.repeatDetection?.sameTopic || (o.topic ?? null) === (input.topic ?? null));
    repeatOf = same?.number ?? null;
  }
  return { precedent: precedent?.unit ?? null, repeatOf };
}
