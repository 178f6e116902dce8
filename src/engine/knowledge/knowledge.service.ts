import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { ConflictError, NotFoundError, ValidationError } from '../../shared/errors';
import { assertRole, assertSameCity } from '../access/city-access';
import { CENTRE_ROLES } from '../access/order-access';
import type { CityCatalog } from '../city/city-catalog';
import type { UnitOfWork } from '../ports';
import type { KnowledgeEntry, KnowledgeStatus } from './knowledge.ports';
import type { Actor, Role } from '../work-order/actor';
import { chineseDateTimeText } from '../../shared/local-time';
import { hasOwnKey } from '../../shared/own-key';

export interface KnowledgeQuery {
  /** The caller's city when omitted; another city is refused. */
  city?: string;
  /** Words looked for in the title and the answer (all of them). */
  q?: string;
  category?: string;
  topic?: string;
  /** approved (default); proposed or rejected: the centre sees the city's, others their own proposals. */
  status?: KnowledgeStatus;
  page: number;
  pageSize: number;
}

export interface KnowledgeProposal {
  title: string;
  answer: string;
  category?: string;
  topic?: string;
}

export interface KnowledgePage {
  items: KnowledgeEntry[];
  total: number;
  page: number;
  pageSize: number;
}

/** Who decides on proposals (HZ-14: the centre approves). */
export const KNOWLEDGE_DECIDERS: readonly Role[] = ['dispatcher', 'admin'];
/** Everyone of the city proposes (HZ-14: units too), except the read-only auditor. */
export const KNOWLEDGE_PROPOSERS: readonly Role[] = ['operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'admin'];

/**
 * A city's knowledge base (HZ-7, HZ-14): anyone of the city searches the approved entries and
 * proposes new ones; a dispatcher or administrator approves or rejects each proposal once. An
 * operator answers a consultation at intake citing an approved entry (see intake-facts.ts).
 */
export class KnowledgeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
    private readonly clock: Clock,
  ) {}

  async search(actor: Actor, query: KnowledgeQuery): Promise<KnowledgePage> {
    const city = query.city ?? actor.city;
    assertSameCity(actor, city);
    const status = query.status ?? 'approved';
    const onlyOwn = status !== 'approved' && !CENTRE_ROLES.has(actor.role);
    const { entries, total } = await this.uow.run((repos) =>
      repos.knowledge.search({
        city,
        status,
        text: query.q,
        category: query.category,
        topic: query.topic,
        proposedBy: onlyOwn ? actor.id : undefined,
        offset: (query.page - 1) * query.pageSize,
        limit: query.pageSize,
      }),
    );
    return { items: entries, total, page: query.page, pageSize: query.pageSize };
  }

  /** One entry: approved ones for anyone of the city; others for the centre and their proposer. */
  async get(actor: Actor, id: string): Promise<KnowledgeEntry> {
    const entry = await this.uow.run((repos) => repos.knowledge.findById(id));
    if (!entry || entry.city !== actor.city) throw notFound(id);
    if (entry.status !== 'approved' && !CENTRE_ROLES.has(actor.role) && entry.proposedBy !== actor.id) throw notFound(id);
    return entry;
  }

  async propose(actor: Actor, input: KnowledgeProposal): Promise<KnowledgeEntry> {
    assertRole(actor, KNOWLEDGE_PROPOSERS, 'propose knowledge entries');
    const { policy } = this.catalog.policy(actor.city);
    if (input.category !== undefined && !hasOwnKey(policy.categories, input.category)) {
      const allowed = Object.keys(policy.categories).join(', ');
      throw new ValidationError('KNOWLEDGE_INVALID', `the entry does not fit the policy of ${actor.city}: category "${input.category}" is not one of ${allowed}`, [
        { path: 'category', message: `expected one of ${allowed}, got "${input.category}"` },
      ]);
    }
    const entry: KnowledgeEntry = {
      id: randomUUID(),
      city: actor.city,
      title: input.title,
      answer: input.answer,
      category: input.category ?? null,
      topic: input.topic ?? null,
      status: 'proposed',
      proposedBy: actor.id,
      proposedAt: this.clock.now(),
      decidedBy: null,
      decidedAt: null,
    };
    await this.uow.run(async (repos) => {
      await repos.knowledge.insert(entry);
      await repos.audit.append([{ orderId: null, city: entry.city, type: 'knowledge.proposed', actor: actor.id, at: entry.proposedAt, data: { id: entry.id, title: entry.title } }]);
    });
    return entry;
  }

  /** Approves or rejects a proposal; a second decision is a conflict (KNOWLEDGE_ALREADY_DECIDED). */
  async decide(actor: Actor, id: string, status: 'approved' | 'rejected'): Promise<KnowledgeEntry> {
    assertRole(actor, KNOWLEDGE_DECIDERS, `${status === 'approved' ? 'approve' : 'reject'} knowledge entries`);
    const now = this.clock.now();
    return this.uow.run(async (repos) => {
      const entry = await repos.knowledge.findById(id);
      if (!entry || entry.city !== actor.city) throw notFound(id);
      if (entry.status !== 'proposed' || !(await repos.knowledge.decide(id, status, actor.id, now))) {
        const decided = (await repos.knowledge.findById(id)) ?? entry;
        const when = decided.decidedAt ? `于${chineseDateTimeText(decided.decidedAt, this.catalog.policy(entry.city).policy.timezone)}` : '';
        throw new ConflictError(
          'KNOWLEDGE_ALREADY_DECIDED',
          `知识库条目「${entry.title}」已${when}${decided.status === 'rejected' ? '被驳回' : '审核通过'}，不能再次审核`,
          { id, status: decided.status, decidedBy: decided.decidedBy },
        );
      }
      await repos.audit.append([{ orderId: null, city: entry.city, type: `knowledge.${status}`, actor: actor.id, at: now, data: { id, title: entry.title } }]);
      return { ...entry, status, decidedBy: actor.id, decidedAt: now };
    });
  }
}

function notFound(id: string): NotFoundError {
  return new NotFoundError('KNOWLEDGE_NOT_FOUND', `no knowledge entry ${id}`, { id });
}
