import { RuleViolation } from '../../shared/errors';
import { chineseDateTimeText } from '../../shared/local-time';
import type { Policy } from '../policy/policy.schema';
import type { Repositories, WorkOrder } from '../ports';
import type { IntakeInput } from './intake';

const DAY_MS = 86_400_000;
/** Ids of minhu's own knowledge base; any other knowledgeId cites a city's external knowledge base. */
const KNOWLEDGE_ENTRY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An immediate answer (HZ-7) may cite an entry of the knowledge base only once the centre has
 * approved it, in the order's city (HZ-14). A knowledgeId that is not an id of minhu's knowledge
 * base (e.g. `KB-GJJ-0031` of a city's older system) is kept as the operator's reference.
 */
async function checkKnowledgeCited(repos: Repositories, input: IntakeInput): Promise<void> {
  if (input.mode !== 'answer' || !input.knowledgeId || !KNOWLEDGE_ENTRY_ID.test(input.knowledgeId)) return;
  if (await repos.knowledge.findApproved(input.city, input.knowledgeId)) return;
  throw new RuleViolation('KNOWLEDGE_ENTRY_NOT_APPROVED', '所引用的知识库条目不是本市知识库中已审核通过的条目', {
    knowledgeId: input.knowledgeId,
  });
}

export interface IntakeFacts {
  /** The unit a precedent sends this topic to (DZ-4), unless the operator chose the unit. */
  precedent: string | null;
  /** Number of an earlier order of the same requester on the same matter (HZ-5, HK-11). */
  repeatOf: string | null;
}

/**
 * What the database knows about a new order before it is recorded: a block on the caller
 * refuses it (HZ-6); a precedent routes it (DZ-4); an earlier order makes it a repeat (HZ-5, HK-11).
 */
export async function intakeFacts(repos: Repositories, policy: Policy, input: IntakeInput, now: Date): Promise<IntakeFacts> {
  const block = await repos.blocks.findActive(input.city, input.requester.phone, now);
  if (block) {
    throw new RuleViolation('CALLER_BLOCKED', `该号码已被限制使用热线，至${chineseDateTimeText(block.until, policy.timezone)}止（${block.reason}）`, {
      until: block.until.toISOString(),
      reason: block.reason,
    });
  }
  await checkKnowledgeCited(repos, input);
  const precedent = input.topic && !input.leadUnit ? await repos.precedents.find(input.city, input.topic) : null;
  let repeatOf: string | null = null;
  const rule = policy.repeatDetection;
  if (rule) {
    const since = new Date(now.getTime() - rule.withinDays * DAY_MS);
    const earlier = await repos.orders.findRecentByPhone(input.city, input.requester.phone, since);
    const sameTopic = (o: WorkOrder) => !rule.sameTopic || (o.topic ?? null) === (input.topic ?? null);
    const sameCategory = (o: WorkOrder) => !rule.sameCategory || o.category === input.category;
    repeatOf = earlier.find((o) => sameTopic(o) && sameCategory(o))?.number ?? null;
  }
  return { precedent: precedent?.unit ?? null, repeatOf };
}
