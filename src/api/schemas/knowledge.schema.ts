import { z } from 'zod';
import { PagingQuery } from './common.schema';

const Status = z.enum(['proposed', 'approved', 'rejected']);

export const KnowledgeQuerySchema = z.strictObject({
  city: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a city key such as sample').optional().describe('your own city (the default); another is refused'),
  q: z.string().max(200, 'expected at most 200 characters').optional().describe('words looked for in the title and the answer (all of them)'),
  category: z.string().min(1).max(100).optional(),
  topic: z.string().min(1).max(100).optional(),
  status: Status.optional().describe('approved (default); proposed or rejected: centre roles see the city\'s, others only their own proposals'),
  ...PagingQuery,
});

export const ProposeKnowledgeBody = z.strictObject({
  title: z.string().trim().min(1, 'expected the question the entry answers').max(200),
  answer: z.string().trim().min(1, 'expected the answer').max(5000),
  category: z.string().min(1).max(100).optional().describe('a category code of the city\'s policy'),
  topic: z.string().trim().min(1).max(100).optional(),
});

export const KnowledgeEntrySchema = z.object({
  id: z.string(),
  city: z.string(),
  title: z.string(),
  answer: z.string(),
  category: z.string().nullable(),
  topic: z.string().nullable(),
  status: Status,
  proposedBy: z.string(),
  proposedAt: z.iso.datetime(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
});

export const KnowledgePageSchema = z.object({
  items: z.array(KnowledgeEntrySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
