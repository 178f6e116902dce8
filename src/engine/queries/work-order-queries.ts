/**
 * The read side of work orders: order search and the inbox, as a port (implemented in
 * src/db/repositories/work-order-queries.repository.ts) and the pure helpers that turn a user
 * and a policy into its filters. Nothing here knows SQL.
 */
import { ZoneClock } from '../calendar/local-date';
import { findUnit } from '../policy/load-policies';
import type { Policy } from '../policy/policy.schema';
import type { OrderStatus, Task, WorkOrder } from '../ports';
import { redactText } from '../../shared/redact-text';

export interface Paging {
  /** From 1. */
  page: number;
  pageSize: number;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

/** What an order search looks for; every field but `city` and `units` is optional. */
export interface OrderFilter {
  city: string;
  /** Only orders on which one of these units is lead or co-unit; null: every order of the city. */
  units: readonly string[] | null;
  status?: OrderStatus;
  category?: string;
  /** Lead or co-unit. */
  unit?: string;
  /** true: open and past its deadline or marked overdue; false: not so. */
  overdue?: boolean;
  /** Deadline strictly before this time. */
  dueBefore?: Date;
  /** Words found (case-insensitive, literally: `%` and `_` are not wildcards) in the content, number, topic or address. */
  text?: string;
  /** Words are also matched against the requester's phone and name (only for those who may see them). */
  matchRequesterPhone?: boolean;
  channel?: string;
  /** Received at or after this instant. */
  receivedFrom?: Date;
  /** Received strictly before this instant. */
  receivedBefore?: Date;
  /** newest (default), oldest, or due: the nearest deadline first. */
  sort?: OrderSort;
}

export const ORDER_SORTS = ['newest', 'oldest', 'due'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

/**
 * The inbox's tabs, over the tasks of one unit of one city (`InboxFilter`):
 *
 * - `to-sign`: open, unclaimed, and of a sign form (a task whose policy `orderStatus` is
 *   `dispatched`: the first task a unit gets, 签收/查收).
 * - `in-progress`: open and not `to-sign` (claimed by someone, or past signing).
 * - `due-soon`: open, not overdue, and marked `due-soon` by its warning or due within 24 hours.
 * - `overdue`: open, and past its due time or marked `overdue`.
 * - `done`: completed within the last 30 days.
 *
 * `to-sign` and `in-progress` split the open tasks; `due-soon` and `overdue` cut across them.
 * Open tabs show only tasks one of whose roles is the user's (what the user may act on).
 */
export const INBOX_TABS = ['to-sign', 'in-progress', 'due-soon', 'overdue', 'done'] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/** `mine`: tasks the user holds (open tabs) or completed (done); `unit`: every task of the unit. */
export type InboxScope = 'mine' | 'unit';

export const DUE_SOON_MS = 24 * 3_600_000;
export const DONE_WINDOW_MS = 30 * 24 * 3_600_000;

/** How a tab's list is sorted: by due time (default, none last), newest or oldest arrival first. */
export const INBOX_SORTS = ['due', 'newest', 'oldest'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** 今天到期 (open, not yet overdue, due before the end of today in the city) or 已超期. */
export const INBOX_DUE = ['today', 'overdue'] as const;
export type InboxDue = (typeof INBOX_DUE)[number];

/** What a user narrows a tab's list to (the counts of the tabs stay those of the whole tabs). */
export interface InboxListOptions {
  category?: string;
  /** The order's lead unit (主办单位: a district, a bureau). */
  leadUnit?: string;
  due?: InboxDue;
  sort?: InboxSort;
}

export interface InboxFilter {
  city: string;
  /** The unit whose tasks these are (the centre's name for centre users). */
  unit: string;
  /** Open tabs: only tasks with this role among their roles. */
  role: string;
  /** Only tasks held (open) or completed (done) by this user; null: the whole unit. */
  user: string | null;
  /** Form keys of the sign tasks (see `signFormKeys`). */
  signKeys: readonly string[];
  now: Date;
  /** now + 24 h. */
  dueSoonBefore: Date;
  /** now − 30 days. */
  doneSince: Date;
  /** The end of today in the city's time zone (23:59:59.999). */
  endOfToday: Date;
}

/** What a list shows of an order (requester as stored: mask it before it leaves the engine). */
export type OrderRow = Pick<
  WorkOrder,
  | 'id'
  | 'city'
  | 'number'
  | 'category'
  | 'channel'
  | 'topic'
  | 'content'
  | 'requester'
  | 'status'
  | 'leadUnit'
  | 'coUnits'
  | 'dueAt'
  | 'dueProvisional'
  | 'flags'
  | 'createdAt'
  | 'closedAt'
>;

/** What the inbox shows of a task. */
export type InboxTask = Pick<
  Task,
  | 'id'
  | 'orderId'
  | 'name'
  | 'formKey'
  | 'candidateUnit'
  | 'assignee'
  | 'dueAt'
  | 'status'
  | 'flags'
  | 'createdAt'
  | 'completedAt'
  | 'completedBy'
  | 'outcome'
>;

/** A task of the inbox with what the list shows of its order (requester as stored: mask it). */
export interface InboxRow {
  task: InboxTask;
  order: Pick<WorkOrder, 'id' | 'number' | 'category' | 'content' | 'requester' | 'status'>;
}

export type InboxCounts = Record<InboxTab, number>;

export interface WorkOrderQueries {
  /** Newest first (created at, then id), one page, and how many match in all. */
  searchOrders(filter: OrderFilter, now: Date, paging: Paging): Promise<Paged<OrderRow>>;
  /** One tab, by due time (no due time last), then creation. */
  inbox(filter: InboxFilter, tab: InboxTab, paging: Paging, options?: InboxListOptions): Promise<Paged<InboxRow>>;
  inboxCounts(filter: InboxFilter): Promise<InboxCounts>;
  /** Open tasks of the filter's unit with one of its roles that were created after `since` (the whole unit, whatever `user`). */
  inboxArrivals(filter: InboxFilter, since: Date): Promise<number>;
}

/** The unit and every unit below it in the city's tree (PDS-3: a county sees its townships' orders). */
export function unitSubtree(policy: Policy, unit: string): string[] {
  const node = findUnit(policy, unit);
  const out = [unit];
  const stack = [...(node?.children ?? [])];
  for (let next = stack.shift(); next; next = stack.shift()) {
    out.push(next.name);
    stack.push(...(next.children ?? []));
  }
  return out;
}

/** Form keys whose task marks the order `dispatched`: the task that signs for an order. */
export function signFormKeys(policy: Policy): string[] {
  return Object.entries(policy.tasks)
    .filter(([, t]) => t.orderStatus === 'dispatched')
    .map(([key]) => key);
}

/** The inbox's filter for a user of a unit at `now`. */
export function inboxFilter(
  policy: Policy,
  who: { id: string; city: string; unit: string; role: string },
  scope: InboxScope,
  now: Date,
): InboxFilter {
  const zone = new ZoneClock(policy.timezone);
  return {
    city: who.city,
    unit: who.unit,
    role: who.role,
    user: scope === 'mine' ? who.id : null,
    signKeys: signFormKeys(policy),
    now,
    dueSoonBefore: new Date(now.getTime() + DUE_SOON_MS),
    doneSince: new Date(now.getTime() - DONE_WINDOW_MS),
    endOfToday: zone.endOfDay(zone.localDate(now)),
  };
}

/** The first 60 characters of the content, on one line, citizens' numbers masked (lists show no number). */
export function titleOf(content: string): string {
  const line = redactText(content.replace(/\s+/g, ' ').trim());
  const chars = [...line];
  return chars.length <= 60 ? line : `${chars.slice(0, 60).join('')}…`;
}

/** Seconds left until `due` (negative once past), or null without a due time. */
export function remainingSeconds(due: Date | null, now: Date): number | null {
  return due ? Math.floor((due.getTime() - now.getTime()) / 1000) : null;
}
