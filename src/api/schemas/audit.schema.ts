import { z } from 'zod';
import { PagingQuery } from './common.schema';

const Instant = z.iso.datetime({ offset: true, error: 'expected an ISO 8601 timestamp such as 2026-03-02T09:00:00+08:00' });

export const AuditQuerySchema = z.strictObject({
  city: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a city key such as sample').optional().describe('your own city (the default); another is refused'),
  orderId: z.uuid({ error: 'expected an order id (uuid)' }).optional(),
  actor: z.string().min(1).max(200).optional().describe('username, or "system" for timers and deadlines'),
  type: z
    .string()
    .regex(/^[a-z0-9.-]+\*?$/i, 'expected an event type such as task.completed, or a prefix ending in * such as deadline.*')
    .max(100)
    .optional(),
  from: Instant.optional().describe('events at or after'),
  to: Instant.optional().describe('events before'),
  ...PagingQuery,
});

export const AuditEventSchema = z.object({
  id: z.number().int(),
  orderId: z.string().nullable(),
  city: z.string(),
  type: z.string(),
  actor: z.string(),
  at: z.iso.datetime(),
  data: z.record(z.string(), z.unknown()),
});

export const AuditPageSchema = z.object({
  items: z.array(AuditEventSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
