import { z } from 'zod';
import { PagingQuery } from './common.schema';
import { ORDER_STATUSES } from './order.schema';
import { DateTime } from './task.schema';
import { ORDER_SORTS } from '../../engine/queries/work-order-queries';

const LocalDate = z.iso.date({ error: 'expected a date written YYYY-MM-DD, e.g. 2026-04-11' });

/** Filters of GET /api/orders; each is matched as a value, never as SQL. */
export const OrderSearchQuery = z.strictObject({
  city: z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, 'expected a city key such as sample')
    .optional()
    .describe("default: the user's city; another city is refused (403 CITY_MISMATCH)"),
  status: z.enum(ORDER_STATUSES, { error: `expected one of ${ORDER_STATUSES.join(', ')}` }).optional(),
  category: z.string().min(1).max(100).optional().describe('a category code of the city'),
  unit: z.string().min(1).max(200).optional().describe('orders on which this unit is lead or co-unit'),
  overdue: z
    .enum(['true', 'false'], { error: 'expected true or false' })
    .transform((v) => v === 'true')
    .optional()
    .describe('true: marked overdue, or open and past its deadline'),
  dueBefore: DateTime.transform((s) => new Date(s))
    .optional()
    .describe('deadline before this time (ISO 8601 with offset, e.g. 2026-03-10T00:00:00+08:00)'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe("words found in the content, number, topic or address, and for those who may see the requester in the requester's phone or name (literally; % and _ are not wildcards)"),
  channel: z.string().min(1).max(100).optional().describe('a channel code of the city'),
  receivedFrom: LocalDate.optional().describe("received on or after this day of the city's calendar"),
  receivedTo: LocalDate.optional().describe("received on or before this day of the city's calendar"),
  sort: z.enum(ORDER_SORTS, { error: `expected one of ${ORDER_SORTS.join(', ')}` }).optional().describe('newest (default), oldest, or due: the nearest deadline first'),
  ...PagingQuery,
});
