import type { CityCatalog } from '../city/city-catalog';
import type { UnitOfWork } from '../ports';
import type { Actor } from '../work-order/actor';
import { authorizeIntake, route } from '../work-order/intake';

/** What the operator has typed so far. */
export interface RoutingQuery {
  city: string;
  category: string;
  channel: string;
  topic?: string;
  district?: string;
}

/** The unit an order would go to now: a precedent of its topic (DZ-4), else the routing table, else none (the centre dispatches). */
export interface RoutingSuggestion {
  leadUnit: string | null;
  coUnits: string[];
  source: 'precedent' | 'routing' | 'none';
}

/**
 * The intake's routing, before the order exists, for the operator console: the same precedent
 * lookup as the intake (intake-facts.ts) and the same table (`route`), so what is suggested is
 * what the intake does when the operator does not choose a unit.
 */
export class RoutingSuggestionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly catalog: CityCatalog,
  ) {}

  async suggest(actor: Actor, q: RoutingQuery): Promise<RoutingSuggestion> {
    authorizeIntake(actor, q.city);
    const { policy } = this.catalog.policy(q.city);
    const topic = q.topic?.trim() ? q.topic : undefined;
    const precedent = topic ? await this.uow.run((repos) => repos.precedents.find(q.city, topic)) : null;
    if (precedent) return { leadUnit: precedent.unit, coUnits: [], source: 'precedent' };
    const routed = route(policy, { category: q.category, channel: q.channel, topic, location: q.district ? { district: q.district } : undefined });
    return { ...routed, source: routed.leadUnit ? 'routing' : 'none' };
  }
}
