import type { Policy, TimeLimit } from '../../engine/policy/policy.schema';
import { ownValue } from '../../shared/own-key';

/**
 * A city's Open311 services: each category, and each topic the routing table names within the
 * categories its rule allows.
 *
 * service_code scheme (stable and URL-safe):
 * - a category: its policy code, e.g. `complaint`;
 * - a topic of a category: `<category>.<topic as base64url of its UTF-8>`, e.g.
 *   `complaint.5Zmq6Z-z5omw5rCR` for 投诉 · 噪音扰民. Category codes never contain `.`, and
 *   base64url never does, so the code splits back exactly; it changes only if the policy renames
 *   the category or the topic.
 * - On input, `<category>:<topic>` (e.g. `complaint:噪音扰民`, percent-encoded as any form field)
 *   is accepted as a readable alias.
 */
export interface ServiceKind {
  code: string;
  category: string;
  topic: string | null;
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

export function serviceCode(category: string, topic: string | null): string {
  return topic === null ? category : `${category}.${Buffer.from(topic, 'utf8').toString('base64url')}`;
}

const topicCache = new WeakMap<Policy, Map<string, string[]>>();

/** Topics per category, in the order the routing table names them (computed once per policy version). */
export function topicsByCategory(policy: Policy): Map<string, string[]> {
  const cached = topicCache.get(policy);
  if (cached) return cached;
  const byCategory = new Map<string, string[]>(Object.keys(policy.categories).map((c) => [c, []]));
  for (const rule of policy.routing) {
    const categories = rule.when.category ?? Object.keys(policy.categories);
    for (const topic of rule.when.topic ?? []) {
      for (const category of categories) {
        const topics = byCategory.get(category);
        if (topics && !topics.includes(topic)) topics.push(topic);
      }
    }
  }
  topicCache.set(policy, byCategory);
  return byCategory;
}

export function serviceKinds(policy: Policy): ServiceKind[] {
  return [...topicsByCategory(policy)].flatMap(([category, topics]) => [
    { code: serviceCode(category, null), category, topic: null },
    ...topics.map((topic) => ({ code: serviceCode(category, topic), category, topic })),
  ]);
}

function limitText(limit: TimeLimit | undefined): string | null {
  if (limit === undefined) return null;
  if (typeof limit === 'number') return `${limit}个工作日`;
  if ('workingDays' in limit) return `${limit.workingDays}个工作日`;
  if ('naturalDays' in limit) return `${limit.naturalDays}个自然日`;
  if ('hours' in limit) return `${limit.hours}小时`;
  return `${limit.minutes}分钟`;
}

export function serviceName(policy: Policy, kind: Pick<ServiceKind, 'category' | 'topic'>): string {
  const categoryName = ownValue(policy.categories, kind.category)?.name ?? kind.category;
  return kind.topic === null ? categoryName : `${categoryName}：${kind.topic}`;
}

export function toOpen311Service(policy: Policy, kind: ServiceKind): Open311Service {
  const category = ownValue(policy.categories, kind.category);
  const categoryName = category?.name ?? kind.category;
  const limit = limitText(ownValue(policy.timeLimits, kind.category));
  const about =
    kind.topic === null
      ? (category?.description ?? `${policy.name}12345热线${categoryName}类诉求`)
      : `${categoryName}类诉求，事项：${kind.topic}`;
  return {
    service_code: kind.code,
    service_name: serviceName(policy, kind),
    description: limit ? `${about}。办理时限：${limit}` : about,
    metadata: false,
    type: 'realtime',
    keywords: (kind.topic === null ? [categoryName, kind.category] : [kind.topic, categoryName]).join(','),
    group: categoryName,
  };
}

/** The service a code names in the city, or null (unknown category or topic, malformed code). */
export function resolveServiceCode(policy: Policy, code: string): ServiceKind | null {
  const alias = /^([^.:]+):(.+)$/.exec(code);
  const dotted = /^([^.:]+)\.([A-Za-z0-9_-]+)$/.exec(code);
  const category = alias?.[1] ?? dotted?.[1] ?? code;
  const topic = alias ? (alias[2] ?? null) : dotted ? Buffer.from(dotted[2] ?? '', 'base64url').toString('utf8') : null;
  const topics = topicsByCategory(policy).get(category);
  if (!topics || (topic !== null && !topics.includes(topic))) return null;
  return { code: serviceCode(category, topic), category, topic };
}

/** The service an order belongs to: its topic's, when the city offers that topic, else its category's. */
export function serviceOfOrder(policy: Policy, order: { category: string; topic: string | null }): ServiceKind {
  const offered = order.topic !== null && (topicsByCategory(policy).get(order.category) ?? []).includes(order.topic);
  const topic = offered ? order.topic : null;
  return { code: serviceCode(order.category, topic), category: order.category, topic };
}
