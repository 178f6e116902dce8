import type { StoredAuditEvent } from '../ports';

/** A search of one city's audit log (GET /api/audit); `type` ending in `*` matches a prefix. */
export interface AuditFilter {
  city: string;
  orderId?: string;
  actor?: string;
  type?: string;
  /** Events at or after. */
  from?: Date;
  /** Events before. */
  to?: Date;
  offset: number;
  limit: number;
}

/** Reads of the audit log across orders, outside any step. */
export interface AuditQuery {
  /** Matching events, newest first, and how many match in all. */
  search(filter: AuditFilter): Promise<{ events: StoredAuditEvent[]; total: number }>;
}
