import type { Location, OrderStatus } from '../ports';

/**
 * A work order as the public may see it (Open311 GeoReport v2, partner channels): no
 * requester at all. The store never reads the requester's name or phone for these queries,
 * so they cannot leak through this port.
 */
export interface PublicOrder {
  city: string;
  number: string;
  category: string;
  topic: string | null;
  content: string;
  status: OrderStatus;
  leadUnit: string | null;
  location: Location;
  /** WGS84 point recorded at intake (`data.geo`), when the channel sent one. */
  geo: { lat: number; long: number } | null;
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/**
 * Which kinds of orders a query wants: a category with one topic, or a category's orders whose
 * topic is none of `topicNotIn` (orders without a topic, or with a topic of their own).
 */
export type OrderKind = { category: string; topic: string } | { category: string; topicNotIn: string[] };

export interface PublicOrderQuery {
  city: string;
  /** Created at or after. */
  from: Date;
  /** Created at or before. */
  to: Date;
  /** Any of these statuses (all when omitted). */
  statuses?: OrderStatus[];
  /** Any of these kinds (all when omitted). */
  kinds?: OrderKind[];
  /** Only the requests this partner (user id) filed. */
  partner?: string;
  /** Newest first, at most this many. */
  limit: number;
}

/** Reads for the Open311 endpoints; outside any step, never locking. */
export interface Open311Queries {
  /** The city's orders with these numbers (unknown numbers are left out; with `partner`, only its own), newest first. */
  findByNumbers(city: string, numbers: string[], partner?: string): Promise<PublicOrder[]>;
  findCreated(query: PublicOrderQuery): Promise<PublicOrder[]>;
}
