import { z } from 'zod';

/** RFC 9457 problem details, with minhu's stable code, for validation the fields, and the refusal's facts in `details`. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })).optional(),
    errorId: z.string().optional(),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('machine-readable facts of the refusal, by code: e.g. CALLER_BLOCKED {until (ISO date-time), reason}, LOGIN_THROTTLED {retryAfterSeconds}, NOT_YOUR_UNIT {unit}'),
  })
  .meta({ id: 'Problem' });

export const UserSchema = z
  .object({
    username: z.string(),
    city: z.string(),
    displayName: z.string(),
    role: z.enum(['operator', 'dispatcher', 'handler', 'leader', 'supervisor', 'admin', 'auditor', 'partner']),
    unit: z.string(),
  })
  .meta({ id: 'User' });

export const IdParams = z.strictObject({ id: z.uuid({ error: 'expected an id (uuid)' }) });
export const CityParams = z.strictObject({ city: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a city key such as sample') });

/** Paging of lists: `page` from 1, `pageSize` up to 100. */
export const PagingQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export function problems(...statuses: number[]): Record<number, { description: string; schema: typeof ProblemSchema }> {
  const text: Record<number, string> = {
    400: 'invalid request (each field named)',
    401: 'not logged in',
    403: 'not allowed for this user',
    404: 'not found',
    409: 'conflict (someone acted first)',
    413: 'request too large',
    422: 'refused by a rule of the city',
    429: 'too many attempts',
  };
  return Object.fromEntries(statuses.map((s) => [s, { description: text[s] ?? 'error', schema: ProblemSchema }]));
}
