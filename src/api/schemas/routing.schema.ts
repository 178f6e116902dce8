import { z } from 'zod';

/** What the operator has typed so far: the codes and place of the order to be. */
export const RoutingQuerySchema = z.strictObject({
  category: z.string().min(1).max(100).describe('category code of the policy'),
  channel: z.string().min(1).max(100).describe('channel code of the policy'),
  topic: z.string().max(100).optional().describe('诉求主题, free text; a precedent (DZ-4) is looked up by it'),
  district: z.string().max(200).optional().describe('所属区域: a unit name of the policy'),
});

export const RoutingSuggestionSchema = z
  .object({
    leadUnit: z.string().nullable().describe('the unit the order would be dispatched to; null: none, the centre dispatches'),
    coUnits: z.array(z.string()),
    source: z.enum(['precedent', 'routing', 'none']).describe("precedent: a leader's decision for this topic (DZ-4); routing: the policy's routing table"),
  })
  .meta({ id: 'RoutingSuggestion' });
